// Issue 15, defect 9: the 第二代残疾人证 number is the holder's 18-character ID number, then the
// category (19th: 1 视力 … 7 多重) and the grade (20th: 1–4). ID numbers below have their check
// character worked out by hand with GB 11643's weights.
import { describe, expect, it } from 'vitest';
import { validateDisabilityCard } from '../../../src/domain/validators';
import { HAS_CHINESE, outcome, value } from './helpers';

const TODAY = '2026-03-10';
const HOLDER = '330782195804120027'; // 1958-04-12, female; check 7
const HOLDER_X = '11010519491231002X'; // check X

describe('validateDisabilityCard', () => {
  it('splits the number into ID number, category and grade', () => {
    expect(value(validateDisabilityCard(`${HOLDER}41`, TODAY))).toEqual({
      number: `${HOLDER}41`,
      idNumber: HOLDER,
      category: '4',
      grade: '1',
    });
    expect(value(validateDisabilityCard(`${HOLDER}73`, TODAY))).toMatchObject({ category: '7', grade: '3' });
  });

  it('takes an ID number ending in X, typed in lower case, full width or with spaces', () => {
    expect(value(validateDisabilityCard('11010519491231002x62', TODAY)).number).toBe(`${HOLDER_X}62`);
    expect(value(validateDisabilityCard('３３０７８２ 19580412 0027 5 2', TODAY)).number).toBe(`${HOLDER}52`);
  });

  it.each([
    ['', 'disability.empty'],
    [HOLDER, 'disability.length'], // only the ID number
    [`${HOLDER}4`, 'disability.length'],
    [`${HOLDER}412`, 'disability.length'],
    ['33078219580412002841', 'disability.id_number'], // 18th character should be 7
    ['33078219581312002741', 'disability.id_number'], // month 13
    [`${HOLDER}81`, 'disability.category'],
    [`${HOLDER}01`, 'disability.category'],
    [`${HOLDER}X1`, 'disability.category'],
    [`${HOLDER}45`, 'disability.grade'],
    [`${HOLDER}40`, 'disability.grade'],
  ])('%j → %s', (input, code) => {
    expect(outcome(validateDisabilityCard(input, TODAY))).toBe(code);
  });

  it('tells the agent in Chinese what an 18-digit entry is missing', () => {
    const v = validateDisabilityCard(HOLDER, TODAY);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.error.message).toMatch(HAS_CHINESE);
      expect(v.error.message).toContain('最后两位');
    }
  });
});
