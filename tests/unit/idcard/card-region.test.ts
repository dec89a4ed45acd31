// The reader on photos that are not square to the card, or show more than the card: rows follow
// the card's slant, and text around the card (a newspaper under it, a note beside it) is ignored.
import { describe, expect, it } from 'vitest';
import { readCardBack } from '../../../src/domain/idcard/read-back';
import { readCardFront } from '../../../src/domain/idcard/read-front';
import { askew, line, result, turned, WANG_JIANGUO } from './ocr-fixtures';

const TODAY = '2026-12-02';

/** 王建国, 男, 汉, 1990-03-07, 110101199003071233 (as in read-front.test.ts), a two-row address. */
const front = () => [
  line('姓名', 60, 60),
  line('王建国', 150, 60),
  line('性别', 60, 120),
  line('男', 150, 120),
  line('民族', 260, 120),
  line('汉', 350, 120),
  line('出生', 60, 180),
  line('1990年3月7日', 150, 180),
  line('住址', 60, 240),
  line('北京市东城区景山前街', 150, 240),
  line('4号院2排18号', 150, 280),
  line('公民身份号码', 60, 450),
  line('110101199003071233', 300, 450),
];
const FRONT = { ...WANG_JIANGUO, idRaw: WANG_JIANGUO.idNumber, issues: [] };

const back = () => [
  line('中华人民共和国', 300, 60),
  line('居民身份证', 280, 130),
  line('签发机关', 120, 380),
  line('北京市公安局东城分局', 260, 380),
  line('有效期限', 120, 440),
  line('2015.03.01-2035.03.01', 260, 440),
];
const BACK = { authority: '北京市公安局东城分局', issuedOn: '2015-03-01', validUntil: '2035-03-01', issues: [] };

describe('a card photographed at a slant', () => {
  it.each([12, -12, 15])('reads the front turned by %i°: rows follow the card, not the photo', (degrees) => {
    // At 12° an address row's right end sits level with the row below's left end.
    expect(readCardFront(result(turned(front(), degrees)), TODAY)).toEqual(FRONT);
  });

  it.each([14, -9])('reads the back turned by %i°', (degrees) => {
    expect(readCardBack(result(turned(back(), degrees)), TODAY)).toEqual(BACK);
  });

  it('reads a turned card whose boxes came back in any order', () => {
    const lines = turned(front(), 13).reverse();
    expect(readCardFront(result([...lines.slice(5), ...lines.slice(0, 5)]), TODAY)).toEqual(FRONT);
  });
});

describe('text around the card', () => {
  it('ignores a newspaper beside, above and below the front', () => {
    const lines = [
      ...front(),
      line('村民大会', 900, 60), // right of the name, on its row
      line('报销须知', -130, 242), // left of 住址, on its row
      line('下午召开村', 880, 360), // right of the card, between the address and the number
      line('2024年5月1日', 120, -70), // a date above the card: not 出生
      line('村委会通知', 200, 560), // below the card
    ];
    expect(readCardFront(result(lines), TODAY)).toEqual(FRONT);
  });

  it('ignores the same newspaper around a card turned by 10°', () => {
    const lines = [
      ...turned(front(), 10),
      line('村民大会', 940, 180),
      line('报销须知', -160, 260),
      line('下午召开村', 900, 420),
    ];
    expect(readCardFront(result(lines), TODAY)).toEqual(FRONT);
  });

  it('ignores dates and words around the back: 有效期限 is the card’s', () => {
    const lines = [
      ...back(),
      line('20240512', 400, -80), // eight digits above the card
      line('长期有效', 900, 440), // on the 有效期限 row, beyond the card's edge
      line('医疗报销', -140, 380), // left of 签发机关
    ];
    expect(readCardBack(result(lines), TODAY)).toEqual(BACK);
  });

  it('ignores a slip lying askew across the card', () => {
    // Between the address and the number, where the address would otherwise run on into it.
    const lines = [...front(), askew(line('请准时参加', 150, 330), 20)];
    expect(readCardFront(result(lines), TODAY)).toEqual(FRONT);
  });

  it('is not moved by one stray line that starts like a label', () => {
    // 出生… far right of the card would drag a mean; the median of the labels holds.
    const lines = [...front(), line('出生证明办理', 1100, 300)];
    expect(readCardFront(result(lines), TODAY)).toEqual(FRONT);
  });

  it('places the card by the labels it did read: without 姓名, the row above 性别 is still the name', () => {
    const lines = [...front().filter((l) => l.text !== '姓名'), line('村委会通知', 150, -60)];
    expect(readCardFront(result(lines), TODAY)).toEqual(FRONT);
  });

  it('keeps every line when no label was read (nothing to place the card by)', () => {
    const r = readCardFront(result([line('王建国', 150, 60), line('110101199003071233', 300, 450)]), TODAY);
    expect(r.idNumber).toBe('110101199003071233');
  });
});
