import { describe, expect, it } from 'vitest';
import { normalisePersonName, validatePersonName } from '../../../src/domain/validators';
import { outcome, value } from './helpers';

describe('normalisePersonName', () => {
  it.each(['\u2022', '\u30FB', '\u2027', '\uFF0E', '\u00B7', '•', '・', '‧', '．', '.'])('maps %j to U+00B7', (dot) => {
    expect(normalisePersonName(` 买买提${dot}艾力 `)).toBe('买买提\u00B7艾力');
  });
});

describe('validatePersonName', () => {
  it('accepts names outside the basic CJK block (刘䶮, 王𬌗)', () => {
    expect(value(validatePersonName('刘䶮'))).toBe('刘䶮');
    expect(value(validatePersonName('王𬌗'))).toBe('王𬌗');
  });

  it('accepts ethnic names after normalising the dot', () => {
    expect(value(validatePersonName('买买提•艾力'))).toBe('买买提·艾力');
    expect(value(validatePersonName('阿卜杜热合曼·买买提·艾则孜'))).toBe('阿卜杜热合曼·买买提·艾则孜');
  });

  it('allows at least 25 characters, counted as code points', () => {
    const long25 = '𬌗'.repeat(25);
    expect(long25.length).toBe(50); // UTF-16 units
    expect(outcome(validatePersonName(long25))).toBe('ok');
    expect(outcome(validatePersonName('张'.repeat(40)))).toBe('ok');
    expect(outcome(validatePersonName('张'.repeat(41)))).toBe('name.length');
  });

  it.each([
    ['', 'name.empty'],
    ['  ', 'name.empty'],
    ['张 三', 'name.space'],
    ['张\u3000三', 'name.space'],
    ['Zhang San', 'name.space'],
    ['ZhangSan', 'name.charset'],
    ['张3', 'name.charset'],
    ['张三（小）', 'name.charset'],
    ['·张三', 'name.dot'],
    ['张三·', 'name.dot'],
    ['买买提··艾力', 'name.dot'],
    ['张', 'name.length'],
  ])('%j → %s', (input, code) => {
    expect(outcome(validatePersonName(input))).toBe(code);
  });
});
