import { describe, expect, it } from 'vitest';
import { validateBusinessName } from '../../../src/domain/validators';
import { TRADITIONAL_TO_SIMPLIFIED } from '../../../src/domain/validators/business-name-data';
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

// Issue 15, defect 5: 个体工商户名称登记管理办法 §6 (structure), §10 (行业), 规范汉字.
describe('个体工商户 name structure against the applicant’s places', () => {
  const place = { province: '湖北省', prefecture: '武汉市', county: '江夏区', town: '纸坊街道', village: '青龙村' };

  it('reports "老王小卖部" as missing both its 行政区划 and its 行业', () => {
    const v = validateBusinessName('老王小卖部', { place });
    expect(warningCodes(v)).toEqual(['bizname.division', 'bizname.trade']);
    if (!v.ok) throw new Error('expected valid');
    expect(v.warnings[0]!.message).toContain('江夏区');
    expect(v.warnings[1]!.message).toContain('行业');
  });

  it('reports a missing 行业 even where no place is known', () => {
    expect(warningCodes(validateBusinessName('江夏区老王小卖部'))).toEqual(['bizname.trade']);
    expect(warningCodes(validateBusinessName('桃州镇老李商行'))).toEqual(['bizname.trade']);
  });

  it.each([
    '江夏区老王便利店',
    '江夏老王日用百货店',
    '湖北省武汉市江夏区老王餐饮店',
    '武汉市江夏区老王理发店',
    '江夏区纸坊老王农机修理部',
    '江夏区青龙村老王快递服务站',
    '江夏区老王超市',
  ])('accepts %s with its county first and a 行业 before the form', (name) => {
    expect(warningCodes(validateBusinessName(name, { place }))).toEqual([]);
  });

  it('asks for a 字号 of at least two characters before the 行业', () => {
    expect(warningCodes(validateBusinessName('江夏区王理发店', { place }))).toEqual(['bizname.trade_name']);
  });

  it('refuses traditional characters and gives the 规范汉字 form', () => {
    const v = validateBusinessName('東風飯店');
    expect(outcome(v)).toBe('bizname.traditional');
    if (v.ok) throw new Error('expected invalid');
    expect(v.error.message).toContain('“東”“風”“飯”');
    expect(v.error.message).toContain('“东风饭店”');
    expect(outcome(validateBusinessName('江夏区老李麵館'))).toBe('bizname.traditional');
    expect(outcome(validateBusinessName('江夏區老李鮮花店'))).toBe('bizname.traditional');
    // 店 is the same in both scripts: a simplified name passes this check.
    expect(outcome(validateBusinessName('东风饭店'))).toBe('ok');
  });
});

describe('the traditional-character table', () => {
  it('maps each listed character to a different 规范汉字', () => {
    expect(TRADITIONAL_TO_SIMPLIFIED.size).toBeGreaterThan(150);
    // Spot checks from the brief's sign list, written out by hand.
    const expected: Record<string, string> = {
      號: '号',
      門: '门',
      廣: '广',
      東: '东',
      車: '车',
      電: '电',
      飯: '饭',
      館: '馆',
      麵: '面',
      農: '农',
      貿: '贸',
      藝: '艺',
      飾: '饰',
      裝: '装',
      髮: '发',
      鮮: '鲜',
    };
    for (const [t, s] of Object.entries(expected)) expect(TRADITIONAL_TO_SIMPLIFIED.get(t)).toBe(s);
    for (const [t, s] of TRADITIONAL_TO_SIMPLIFIED) {
      expect(t).not.toBe(s);
      // No simplified character is itself listed as traditional (it would be refused).
      expect(TRADITIONAL_TO_SIMPLIFIED.has(s)).toBe(false);
    }
  });
});
