import { describe, expect, it } from 'vitest';
import { readCardFront } from '../../../src/domain/idcard/read-front';
import { line, lineWithChars, result, WANG_JIANGUO } from './ocr-fixtures';

const TODAY = '2026-12-02';
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

/** 王建国, 男, 汉, 1990-03-07, number 110101199003071233 (check digit worked out by hand: sum 232, 232 mod 11 = 1 → 3). */
const frontRows = (idLine = line('110101199003071233', 300, 450), birth = '1990年3月7日', sex = '男') => [
  line('姓名', 60, 60),
  line('王建国', 150, 60),
  line('性别', 60, 120),
  line(sex, 150, 120),
  line('民族', 260, 120),
  line('汉', 350, 120),
  line('出生', 60, 180),
  line(birth, 150, 180),
  line('住址', 60, 240),
  line('北京市东城区景山前街', 150, 240),
  line('4号院2排18号', 150, 290),
  line('公民身份号码', 60, 450),
  idLine,
];

describe('readCardFront', () => {
  it('reads a clean front, labels and values in separate boxes', () => {
    const r = readCardFront(result(frontRows()), TODAY);
    expect(r).toMatchObject(WANG_JIANGUO);
    expect(r.issues).toEqual([]);
  });

  it('reads labels merged with values, boxes in any order, look-alike letters and full-width digits', () => {
    const lines = [
      line('公民身份号码11O1O1199OO3O7l233', 60, 452),
      line('4号院2排18号', 152, 292),
      line('住址北京市东城区景山前街', 58, 238),
      line('出生1990年3月7日', 61, 181),
      line('性别男民族汉', 60, 121),
      line('姓名王建国', 60, 59),
    ];
    const r = readCardFront(result(lines), TODAY);
    expect(r.name).toBe('王建国');
    expect(r.address).toBe('北京市东城区景山前街4号院2排18号');
    expect(r.idNumber).toBe('110101199003071233');
    expect(r.issues).toEqual([]);

    const wide = readCardFront(result(frontRows(line('１１０１０１１９９００３０７１２３３', 300, 450))), TODAY);
    expect(wide.idNumber).toBe('110101199003071233');
  });

  it('joins a three-line address in reading order and keeps the number row out of it', () => {
    const lines = [
      line('姓名李秀英', 60, 60),
      line('性别女民族回', 60, 120),
      line('出生1985年11月20日', 60, 180),
      line('江苏省昆山市玉山镇', 150, 240),
      line('住址', 60, 240),
      line('18号', 150, 340),
      line('朝阳路幸福小区3幢', 150, 290),
      line('公民身份号码', 60, 450),
      line('320582198511202468', 300, 452),
    ];
    const r = readCardFront(result(lines), TODAY);
    expect(r).toMatchObject({
      name: '李秀英',
      sex: 'F',
      ethnicity: '回族',
      birthDate: '1985-11-20',
      address: '江苏省昆山市玉山镇朝阳路幸福小区3幢18号',
      idNumber: '320582198511202468',
    });
  });

  it('keeps the middle dot of a minority name, whatever dot the recogniser printed', () => {
    const r = readCardFront(
      result([
        line('姓名阿依古丽•买买提', 60, 60),
        line('性别女民族维吾尔', 60, 120),
        line('出生1985年11月20日', 60, 180),
        line('住址新疆乌鲁木齐市天山区', 60, 240),
        line('公民身份号码320582198511202468', 60, 450),
      ]),
      TODAY,
    );
    expect(r.name).toBe('阿依古丽·买买提');
    expect(r.ethnicity).toBe('维吾尔族');
  });

  it('replaces an unsure digit by the recogniser candidate that passes the checksum', () => {
    // Position 4 read as 7 (0.55), runner-up 1 (0.41): only 1 gives a valid number.
    const id = lineWithChars('110701199003071233', 300, 450, {
      3: [
        ['7', 0.55],
        ['1', 0.41],
        ['4', 0.02],
      ],
    });
    const r = readCardFront(result(frontRows(id)), TODAY);
    expect(r.idNumber).toBe('110101199003071233');
    expect(r.idRaw).toBe('110701199003071233');
    expect(codes(r)).toEqual(['idcard.id.corrected']);
    expect(r.issues[0]!.message).toContain('第 4 位');
  });

  it('takes birth-date digits from 出生 when the number disagrees in one of them', () => {
    // Digit 12 (month 03) read as 8 with high confidence and no alternative.
    const r = readCardFront(result(frontRows(line('110101199008071233', 300, 450))), TODAY);
    expect(r.idNumber).toBe('110101199003071233');
    expect(r.issues[0]).toMatchObject({ code: 'idcard.id.corrected', severity: 'warning' });
    expect(r.issues[0]!.message).toContain('第 12 位');
  });

  it('trusts a confident self-consistent number over a misread 出生, and says so', () => {
    const r = readCardFront(result(frontRows(undefined, '1990年8月7日')), TODAY);
    expect(r.idNumber).toBe('110101199003071233');
    expect(r.birthDate).toBe('1990-03-07');
    expect(codes(r)).toEqual(['idcard.birth.corrected']);
  });

  it('uses the sex digit: a candidate that would make a woman of 男 is not taken', () => {
    // Digit 17 read as 8 (0.5), runner-up 3 (0.45): 3 passes the checksum and is odd (男).
    const id = lineWithChars('110101199003071283', 300, 450, {
      16: [
        ['8', 0.5],
        ['3', 0.45],
      ],
    });
    expect(readCardFront(result(frontRows(id)), TODAY).idNumber).toBe('110101199003071233');
    // The same reading on a card that says 女 cannot be reconciled.
    const r = readCardFront(result(frontRows(id, '1990年3月7日', '女')), TODAY);
    expect(r.idNumber).toBeUndefined();
    expect(codes(r)).toEqual(['idcard.id.mismatch']);
  });

  describe('never corrects into a number the card does not support', () => {
    it('a wrong digit without candidates: refused, not guessed', () => {
      // Any one of 15 positions could be changed to pass the checksum: no evidence for any.
      const id = lineWithChars('110701199003071233', 300, 450, { 3: [['7', 0.9]] });
      const r = readCardFront(result(frontRows(id)), TODAY);
      expect(r.idNumber).toBeUndefined();
      expect(r.idRaw).toBe('110701199003071233');
      expect(codes(r)).toEqual(['idcard.id.mismatch']);
      expect(r.issues[0]!.message).toContain('手工填写');
    });

    it('two candidate readings about as likely: ambiguous', () => {
      // Position 4: 7 or 1 → 110101199003071233; position 16: 2 or 0 → 110701199003071033. Both valid.
      const id = lineWithChars('110701199003071233', 300, 450, {
        3: [
          ['7', 0.65],
          ['1', 0.3],
        ],
        15: [
          ['2', 0.6],
          ['0', 0.35],
        ],
      });
      const r = readCardFront(result(frontRows(id)), TODAY);
      expect(r.idNumber).toBeUndefined();
      expect(codes(r)).toEqual(['idcard.id.ambiguous']);
      expect(r.issues[0]!.message).toContain('110101199003071233');
      expect(r.issues[0]!.message).toContain('110701199003071033');
    });

    it('a valid-looking but unsure number that contradicts 性别: refused', () => {
      const id = lineWithChars('110101199003071233', 300, 450, { 5: [['1', 0.6]] });
      const r = readCardFront(result(frontRows(id, '1990年3月7日', '女')), TODAY);
      expect(r.idNumber).toBeUndefined();
      expect(codes(r)).toEqual(['idcard.id.mismatch']);
    });

    it('a digit lost: 17 characters are not padded', () => {
      const r = readCardFront(result(frontRows(line('11010119900307123', 300, 450))), TODAY);
      expect(r.idNumber).toBeUndefined();
      expect(codes(r)).toEqual(['idcard.id.length']);
    });
  });

  it('says what it could not read', () => {
    expect(codes(readCardFront(result([]), TODAY))).toEqual(['idcard.front.empty']);
    const r = readCardFront(result([line('姓名王建国', 60, 60), line('性别男民族汉', 60, 120)]), TODAY);
    expect(r.name).toBe('王建国');
    expect(codes(r)).toEqual(['idcard.address.unread', 'idcard.id.unread']);
    expect(r.issues.every((i) => /\p{Script=Han}/u.test(i.message))).toBe(true);
  });
});
