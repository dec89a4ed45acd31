import { describe, expect, it } from 'vitest';
import { validateBusinessName } from '../../../src/domain/validators';
import { outcome, value, warningCodes } from './helpers';

describe('validateBusinessName', () => {
  it.each([
    '东湖区老王面馆',
    '江夏区李家小卖部',
    '蔡甸区三口塘农机修理厂',
    '黄陂区木兰茶叶中心',
    '洪山区〇号理发店',
    '广德市便民超市',
    '桃州镇老李商行',
  ])('accepts %s', (name) => {
    expect(value(validateBusinessName(name))).toBe(name);
  });

  it.each([
    ['', 'bizname.empty'],
    ['东湖区老王面馆有限公司', 'bizname.org_form'],
    ['东湖区老王餐饮企业', 'bizname.org_form'],
    ['东湖区老王农民专业合作社', 'bizname.org_form'],
    ['中国老王面馆', 'bizname.reserved'],
    ['中华面馆', 'bizname.reserved'],
    ['全国连锁面馆', 'bizname.reserved'],
    ['国家粮油店', 'bizname.reserved'],
    ['国际贸易行', 'bizname.reserved'],
    ['东湖区laowang面馆', 'bizname.charset'],
    ['东湖区ＡＢ面馆', 'bizname.charset'],
    ['东湖区58面馆', 'bizname.charset'],
    ['东湖区老王（面馆）', 'bizname.charset'],
    ['东湖区老王·面馆', 'bizname.charset'],
    ['东湖区老王，面馆', 'bizname.charset'],
    ['东湖区老王-面馆', 'bizname.charset'],
    ['东湖区 老王面馆', 'bizname.charset'],
    ['东湖区老王面条', 'bizname.form'],
    ['店', 'bizname.length'],
    ['中心', 'bizname.form'],
    [`东湖区${'好'.repeat(47)}店`, 'bizname.length'], // 51 characters
  ])('%j → %s', (input, code) => {
    expect(outcome(validateBusinessName(input))).toBe(code);
  });

  it('allows up to 50 characters', () => {
    expect(outcome(validateBusinessName(`东湖区${'好'.repeat(46)}店`))).toBe('ok'); // 50 characters
  });

  it('warns when the name does not start with the division name', () => {
    expect(warningCodes(validateBusinessName('老王面馆', { divisionName: '东湖区' }))).toEqual(['bizname.division']);
    expect(warningCodes(validateBusinessName('东湖区老王面馆', { divisionName: '东湖区' }))).toEqual([]);
    expect(warningCodes(validateBusinessName('东湖老王面馆', { divisionName: '东湖区' }))).toEqual([]);
    expect(warningCodes(validateBusinessName('老王面馆'))).toEqual([]);
  });
});
