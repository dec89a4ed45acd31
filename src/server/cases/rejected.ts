// How a case rule says "no": thrown, so the transaction rolls back whatever it began. A push
// stores it as a final `rejected` result (a replay returns it again); review routes turn it into
// an HTTP error.
export class Rejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Rejected';
  }
}
