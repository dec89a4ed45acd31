import { describe, expect, it } from 'vitest';
import { csvField, toCsv, UTF8_BOM } from '../../../src/domain/stats';

describe('CSV (RFC 4180 + BOM)', () => {
  it('starts with a UTF-8 BOM and ends rows with CRLF', () => {
    const csv = toCsv([
      ['事项', '数量'],
      ['低保', 3],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe('\uFEFF事项,数量\r\n低保,3\r\n');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('plain')).toBe('plain');
  });

  it('writes empty cells for null, undefined and non-finite numbers', () => {
    expect(toCsv([[null, undefined, Number.NaN, 0]], { bom: false })).toBe(',,,0\r\n');
  });

  it('defuses cells Excel would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });

  it('is empty (only the BOM) with no rows', () => {
    expect(toCsv([])).toBe(UTF8_BOM);
  });
});
