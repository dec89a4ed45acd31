import { describe, expect, it } from 'vitest';
import { normalisePersonName, validatePersonName } from '../../../src/domain/validators';
import { comparable } from '../../../src/domain/rules/kinds/compare';
import { outcome, value } from './helpers';

describe('normalisePersonName', () => {
  it.each(['\u2022', '\u30FB', '\u2027', '\uFF0E', '\u00B7', '•', '・', '‧', '．', '.'])('maps %j to U+00B7', (dot) => {
    expect(normalisePersonName(` 买买提${dot}艾力 `)).toBe('买买提\u00B7艾力');
  });
});

// Issue 15, defect 10: three more dots seen in typed and scanned minority names.
describe('dot look-alikes U+2E31, U+FE52 and 。', () => {
  it.each([
    ['阿依古丽\u2E31买买提', 'U+2E31 word separator middle dot'],
    ['阿依古丽\uFE52买买提', 'U+FE52 small full stop'],
    ['阿依古丽。买买提', 'U+3002 ideographic full stop'],
  ])('%j (%s) becomes 阿依古丽·买买提', (typed) => {
    expect(normalisePersonName(typed)).toBe('阿依古丽\u00B7买买提');
    expect(value(validatePersonName(typed))).toBe('阿依古丽\u00B7买买提');
  });

  it('still refuses such a dot at the start or end', () => {
    expect(outcome(validatePersonName('阿依古丽。'))).toBe('name.dot');
    expect(outcome(validatePersonName('\u2E31买买提'))).toBe('name.dot');
  });

  it('lets the name on a document match the profile whichever dot was typed', () => {
    expect(comparable('阿依古丽\uFE52买买提')).toBe(comparable('阿依古丽·买买提'));
    expect(comparable('阿依古丽\u2E31买买提')).toBe(comparable('阿依古丽·买买提'));
    expect(comparable('阿依古丽。买买提')).toBe(comparable('阿依古丽·买买提'));
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
