// JSON columns are TEXT in both SQLite and PostgreSQL: written and read only through these.
import type { RecordCipher } from '../../crypto/envelope';

export const toJson = (value: unknown): string => JSON.stringify(value);
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;

/** JSON sealed for a column that holds personal data (`label` = "table.column", see store/at-rest.ts). */
export const sealJson = (cipher: RecordCipher, label: string, value: unknown): string =>
  cipher.seal(label, JSON.stringify(value));
/** A sealed JSON column read back (a value still in clear, from before encryption, too). */
export const openJson = <T>(cipher: RecordCipher, label: string, stored: string): T =>
  JSON.parse(cipher.open(label, stored)) as T;
