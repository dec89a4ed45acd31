import { describe, expect, it } from 'vitest';
import { parsePrintedBirth } from '../../../src/domain/idcard/birth-date';
import { readCardBack } from '../../../src/domain/idcard/read-back';
import { line, result } from './ocr-fixtures';

const TODAY = '2026-12-02';
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

const back = (validity: string, authority = '北京市公安局东城分局') =>
  result([
    line('中华人民共和国', 300, 60),
    line('居民身份证', 280, 130),
    line('签发机关', 120, 380),
    line(authority, 260, 380),
    line('有效期限', 120, 440),
    line(validity, 260, 440),
  ]);

describe('readCardBack', () => {
  it('reads 签发机关 and a dated 有效期限', () => {
    expect(readCardBack(back('2015.03.01-2035.03.01'), TODAY)).toEqual({
      authority: '北京市公安局东城分局',
      issuedOn: '2015-03-01',
      validUntil: '2035-03-01',
      issues: [],
    });
  });

  it('reads 长期 and tolerates look-alikes, lost dots and full-width digits', () => {
    expect(readCardBack(back('2O15.O3.0l-长期'), TODAY)).toMatchObject({
      issuedOn: '2015-03-01',
      validUntil: 'long-term',
    });
    expect(readCardBack(back('20150301-20250301'), TODAY)).toMatchObject({ validUntil: '2025-03-01' });
    expect(readCardBack(back('２０１５．０３．０１－２０２０．０３．０１'), TODAY)).toMatchObject({
      issuedOn: '2015-03-01',
      validUntil: '2020-03-01',
    });
    const merged = readCardBack(
      result([line('签发机关昆山市公安局', 120, 380), line('有效期限2006.11.20-2026.11.20', 120, 440)]),
      TODAY,
    );
    expect(merged).toMatchObject({ authority: '昆山市公安局', issuedOn: '2006-11-20', validUntil: '2026-11-20' });
  });

  it('refuses a period that is not 5, 10 or 20 years, or an unreadable one', () => {
    const odd = readCardBack(back('2015.03.01-2036.03.01'), TODAY);
    expect(odd.issuedOn).toBeUndefined();
    expect(codes(odd)).toEqual(['idcard.validity.span']);
    expect(codes(readCardBack(back('2015.03.0-2035.03.01'), TODAY))).toEqual(['idcard.validity.unread']);
    expect(codes(readCardBack(back('2027.03.01-2037.03.01'), TODAY))).toEqual(['idcard.validity.future']);
    expect(codes(readCardBack(result([]), TODAY))).toEqual(['idcard.authority.unread', 'idcard.validity.unread']);
  });
});

describe('parsePrintedBirth', () => {
  it.each([
    ['1990年3月7日', '1990-03-07'],
    ['199O年l月5日', '1990-01-05'],
    ['1985年11月20日', '1985-11-20'],
    ['19851120', '1985-11-20'],
    ['1985 11 20', '1985-11-20'],
    ['1985年13月20日', undefined],
    ['1985年2月30日', undefined],
    ['198511月20日', undefined],
  ])('%s → %s', (text, iso) => {
    expect(parsePrintedBirth(text)).toBe(iso);
  });
});
