// A person's name as the public progress page shows it: enough for the villager to recognise
// their own case, not enough to identify anyone (张三明 → 张*明, 李四 → 李*).
export function maskName(name: string): string {
  const chars = Array.from(name.trim()); // code points: a rare character may be a surrogate pair
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  // One star whatever the length: the page does not tell how long the name is.
  return `${chars[0]}*${chars[chars.length - 1]}`;
}
