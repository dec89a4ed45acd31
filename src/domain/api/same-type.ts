// Compile-time proof that a wire schema and a domain type describe the same thing, so the two
// cannot drift: `sameType<A, B>(true)` fails to compile unless A and B are mutually assignable.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const sameType = <A, B>(proof: Same<A, B>): Same<A, B> => proof;
