import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { ServiceItem, type ServiceItemInput } from '../../../src/domain';
import { indexItems, searchItems, type PinyinFn } from '../../../src/state/item-search';

const item = (code: string, name: string, category: string, keywords: string[] = []): ServiceItem =>
  ServiceItem.parse({
    code,
    version: 1,
    name,
    category,
    agency: '县医保局',
    legalLimitDays: 1,
    promisedLimitDays: 1,
    requiresPresence: false,
    toleranceAllowed: false,
    fields: [],
    rules: [],
    keywords,
    materials: [
      {
        id: 'id-card',
        name: '身份证',
        kind: 'document-photo',
        handling: 'original-checked-copy-kept',
        requirement: 'required',
      },
    ],
  } satisfies ServiceItemInput);

const ITEMS = [
  item('YB-CB', '城乡居民医保参保登记', '医疗保障', ['新农合', '医保']),
  item('YL-CB', '城乡居民养老保险参保登记', '社会保障', ['养老']),
  item('MZ-DB', '最低生活保障', '社会救助', ['低保']),
];
const index = indexItems(ITEMS, pinyin as unknown as PinyinFn);
const codes = (q: string, cat?: string) => searchItems(index, q, cat).map((i) => i.code);

describe('service item search', () => {
  it('lists everything for an empty query, in catalogue order', () =>
    expect(codes('')).toEqual(['YB-CB', 'YL-CB', 'MZ-DB']));
  it('matches part of the name', () => expect(codes('参保')).toEqual(['YB-CB', 'YL-CB']));
  it('ranks a name prefix above a name infix', () => expect(codes('最低')).toEqual(['MZ-DB']));
  it('matches keywords', () => expect(codes('低保')).toEqual(['MZ-DB']));
  it('matches keyword "新农合"', () => expect(codes('新农合')).toEqual(['YB-CB']));
  it('matches pinyin initials of the name and keywords', () => {
    expect(codes('zdshbz')).toEqual(['MZ-DB']);
    expect(codes('db')).toContain('MZ-DB');
    expect(codes('ylbx')).toEqual(['YL-CB']);
  });
  it('matches full pinyin', () => expect(codes('yanglao')).toEqual(['YL-CB']));
  it('filters by category', () => expect(codes('', '社会救助')).toEqual(['MZ-DB']));
  it('finds nothing for nonsense', () => expect(codes('qqqq')).toEqual([]));
  it('works without pinyin (name and keywords only)', () => {
    expect(searchItems(indexItems(ITEMS), '养老').map((i) => i.code)).toEqual(['YL-CB']);
    expect(searchItems(indexItems(ITEMS), 'ylbx')).toEqual([]);
  });
});
