import { describe, expect, it } from 'vitest';
import { validateMobile } from '../../../src/domain/validators';
import { outcome, value } from './helpers';

describe('validateMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['19912345678', '19912345678'],
    // Issue 15, defect 10: how villagers and printed forms write the country code.
    ['(+86)13812345678', '13812345678'],
    ['(+86) 138 1234 5678', '13812345678'],
    ['（+86）138-1234-5678', '13812345678'],
    ['（＋８６）１３８ １２３４ ５６７８', '13812345678'],
    ['(86)13812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['+86-138-1234-5678', '13812345678'],
  ])('accepts %j as %s', (input, normalised) => {
    expect(value(validateMobile(input))).toBe(normalised);
  });

  it.each([
    ['', 'mobile.empty'],
    ['+86', 'mobile.empty'],
    ['12812345678', 'mobile.prefix'],
    ['23812345678', 'mobile.prefix'],
    ['1381234567', 'mobile.length'],
    ['138123456789', 'mobile.length'],
    ['138l2345678', 'mobile.charset'],
    ['(0)13812345678', 'mobile.charset'],
    ['(+86)', 'mobile.empty'],
    ['(+85)13812345678', 'mobile.charset'],
    ['+8513812345678', 'mobile.charset'],
    ['(+86)1381234567', 'mobile.length'],
    ['8613812345678', 'mobile.length'], // a bare 86 is not taken for a country code
  ])('%j → %s', (input, code) => {
    expect(outcome(validateMobile(input))).toBe(code);
  });
});
