// Issue 15 defect 12: the catalogue grows to what county lists of 村级代办事项 hold. The items are
// named here by hand (name, category, the document they rest on), local parameters carry their
// source, and the item picker's real search finds each one the way agents type.
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { CATALOG, findItem } from '../../src/catalog';
import { indexItems, searchItems, type PinyinFn } from '../../src/state/item-search';

/** Code → [name, category, a document its source note must cite]. */
const ADDED: Record<string, [string, string, string]> = {
  'SB-JMYL-DY': ['城乡居民养老保险待遇领取申请', '社会保障', '国发〔2014〕8号'],
  'RS-JYCYZ': ['就业创业证申领', '就业创业', '人社部发〔2014〕97号'],
  'YB-YDJY-BA': ['跨省异地就医备案', '医疗保障', '医保发〔2022〕22号'],
  'MZ-YLJZ': ['医疗救助申请', '社会救助', '国务院令第649号'],
  'MZ-GR-SHF': ['孤儿和事实无人抚养儿童基本生活费申请', '社会救助', '民发〔2019〕62号'],
  'CL-ETKF': ['残疾儿童康复救助申请', '残疾人服务', '国发〔2018〕20号'],
  'WJ-JLFZ': ['农村部分计划生育家庭奖励扶助', '卫生健康', '国办发〔2004〕21号'],
  'ZF-WFGZ': ['农村危房改造申请', '住房', '建村〔2021〕35号'],
  'NY-GDLB': ['耕地地力保护补贴申报', '农业农村', '财农〔2016〕26号'],
  'NY-NYBX-LP': ['农业保险理赔申请', '农业农村', '国务院令第629号'],
  'TY-YDZ': ['退役军人优待证申领', '退役军人服务', '退役军人保障法'],
};
/** The nineteen items before issue 15: none of the new ones may repeat them. */
const EARLIER = [
  'YB-JMCB-DJ',
  'YB-LXBX',
  'SB-JMYL-CB',
  'SB-JMYL-RZ',
  'SB-JMYL-ZX',
  'SB-SBK-BL',
  'MZ-DB-SQ',
  'MZ-LSJZ',
  'MZ-TKGY',
  'MZ-GLJT',
  'MZ-LNRYDZ',
  'CL-CJRZ-XB',
  'CL-CJBT',
  'WJ-SYDJ',
  'GA-CSDJ',
  'GA-SFZ-BL',
  'SC-GTGSH-SL',
  'GJJ-TQ',
  'NY-ZJD-SQ',
];

describe('the catalogue after issue 15', () => {
  it('holds the nineteen earlier items and eleven new ones: 30 in all', () => {
    const codes = CATALOG.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining([...EARLIER, ...Object.keys(ADDED)]));
    expect(CATALOG.length).toBeGreaterThanOrEqual(30);
    for (const code of Object.keys(ADDED)) expect(EARLIER).not.toContain(code);
  });

  it.each(Object.entries(ADDED))('%s is the item it claims to be, with its source document', (code, expected) => {
    const [name, category, document] = expected;
    const item = findItem(code);
    expect(item?.name).toBe(name);
    expect(item?.category).toBe(category);
    expect(item?.source).toContain(document);
    expect(item?.commonReturns.length).toBeGreaterThanOrEqual(3);
    // Every new item is handled by the village: a signed 代办委托书 and a stated presence.
    expect(item?.materials.some((m) => m.id === 'entrustment' && m.requirement === 'required')).toBe(true);
  });

  it('gives every rule marked as local policy a source note', () => {
    const local = CATALOG.flatMap((i) => i.rules.filter((r) => r.local).map((r) => [i.code, r] as const));
    // At least the local parameters added here: rehabilitation age, orphan/特困 overlap, 建档立卡, repeat 危房 aid.
    expect(local.map(([code]) => code)).toEqual(expect.arrayContaining(['CL-ETKF', 'MZ-GR-SHF', 'TY-YDZ', 'ZF-WFGZ']));
    for (const [code, rule] of local) expect(rule.source, `${code} ${rule.kind}`).toMatch(/\p{Script=Han}{2}/u);
  });

  it('cites the document behind the age limits of the new items', () => {
    const ages = (code: string) =>
      findItem(code)!.rules.flatMap((r) => (r.kind === 'age-range' ? [[r.minAge, r.maxAge, r.source ?? '']] : []));
    expect(ages('SB-JMYL-DY')).toEqual([[60, undefined, expect.stringContaining('国发〔2014〕8号')]]);
    expect(ages('WJ-JLFZ')).toEqual([[60, undefined, expect.stringContaining('国办发〔2004〕21号')]]);
    expect(ages('RS-JYCYZ')).toEqual([[16, undefined, expect.stringContaining('劳动法')]]);
    expect(ages('MZ-GR-SHF')).toEqual([[undefined, 17, expect.stringContaining('未满18周岁')]]);
    expect(ages('CL-ETKF')).toEqual([[undefined, 6, expect.stringContaining('0—6岁')]]);
  });
});

describe('the item picker finds the new items', () => {
  const index = indexItems(CATALOG, pinyin as unknown as PinyinFn);
  const first = (q: string) => searchItems(index, q)[0]?.code;
  const found = (q: string) => searchItems(index, q).map((i) => i.code);

  it.each([
    ['医疗救助', 'MZ-YLJZ'],
    ['奖扶', 'WJ-JLFZ'],
    ['独生子女', 'WJ-JLFZ'],
    ['地力补贴', 'NY-GDLB'],
    ['危房', 'ZF-WFGZ'],
    ['领养老金', 'SB-JMYL-DY'],
    ['优待证', 'TY-YDZ'],
    ['异地就医', 'YB-YDJY-BA'],
    ['失业登记', 'RS-JYCYZ'],
    ['农险', 'NY-NYBX-LP'],
    ['孤儿', 'MZ-GR-SHF'],
    ['孤独症', 'CL-ETKF'],
  ])('by the keyword %s', (q, code) => expect(found(q)).toContain(code));

  it.each([
    ['wfgz', 'ZF-WFGZ'],
    ['ydjy', 'YB-YDJY-BA'],
    ['jlfz', 'WJ-JLFZ'],
    ['tyjr', 'TY-YDZ'],
    ['kfjz', 'CL-ETKF'],
    ['gddl', 'NY-GDLB'],
  ])('by the pinyin initials %s', (q, code) => expect(first(q)).toBe(code));

  it('by full pinyin', () => expect(found('weifang')).toContain('ZF-WFGZ'));
});
