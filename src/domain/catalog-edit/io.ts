// The catalogue as a JSON file (export / import, desk and command line): `{ "items": [...] }`;
// a bare array or a single item is accepted too.
export interface CatalogFile {
  format: 'daiban-catalog';
  exportedAt: string;
  items: unknown[];
}

export const catalogFile = (items: unknown[], at: number): CatalogFile => ({
  format: 'daiban-catalog',
  exportedAt: new Date(at).toISOString(),
  items,
});

/** The items of an imported file, or a Chinese reason why it is not a catalogue file. */
export function readCatalogFile(text: string): { items: unknown[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { error: `文件不是有效的 JSON：${(e as Error).message}` };
  }
  if (Array.isArray(value)) return { items: value };
  if (typeof value === 'object' && value !== null) {
    const items = (value as { items?: unknown }).items;
    if (Array.isArray(items)) return { items };
    if ('code' in value) return { items: [value] };
  }
  return { error: '文件中没有事项（应为 { "items": [...] }、事项数组或单个事项）' };
}
