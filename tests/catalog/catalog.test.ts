import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_INPUTS, CATALOG_VERSION, CATEGORIES, findItem } from '../../src/catalog';
import {
  RULE_KINDS,
  ServiceItem,
  type FieldFormat,
  type FieldType,
  type FormField,
  type PersonFieldKey,
  type Rule,
  type ValueRef,
} from '../../src/domain/schemas/catalog';

const initials = (s: string) =>
  pinyin(s, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('');

/** Every ValueRef a rule reads, and every material it names. */
function refsOf(rule: Rule): { values: ValueRef[]; materials: string[] } {
  switch (rule.kind) {
    case 'field-format':
    case 'required':
    case 'not-expired':
    case 'field-not-in':
      return { values: [rule.ref], materials: [] };
    case 'equals':
      return { values: [rule.left, rule.right], materials: [] };
    case 'at-most':
      return { values: [rule.ref, rule.max], materials: [] };
    case 'age-range':
      return { values: rule.at ? [rule.at] : [], materials: [] };
    case 'date-window':
      return {
        values: [rule.ref, ...(rule.fallback ? [rule.fallback] : []), ...(rule.until ? [rule.until] : [])],
        materials: [],
      };
    case 'photo-quality':
    case 'page-count':
    case 'signature-present':
      return { values: [], materials: [rule.material] };
    case 'tolerance-allowed':
      return { values: [], materials: rule.commitmentMaterial ? [rule.commitmentMaterial] : [] };
    case 'code-part':
      return { values: [rule.ref, rule.equals, rule.when?.ref].filter((r) => r !== undefined), materials: [] };
  }
}

/** Which field types a format check makes sense on. */
const FORMAT_FITS: Record<FieldFormat, FieldType[]> = {
  'id-number': ['id-number'],
  mobile: ['phone'],
  uscc: ['uscc'],
  'division-code-6': ['division-code'],
  'division-code-12': ['division-code'],
  'bank-card': ['bank-card'],
  'person-name': ['name'],
  'business-name': ['business-name'],
  'business-scope': ['textarea', 'text'],
  date: ['date'],
  'disability-card': ['disability-card'],
};
/** The field type a profile value must be shown in. */
const PROFILE_TYPES: Record<PersonFieldKey, FieldType[]> = {
  name: ['name'],
  sex: ['select'],
  idNumber: ['id-number'],
  birthDate: ['date'],
  ethnicity: ['text', 'select'],
  phone: ['phone'],
  address: ['text', 'textarea'],
  divisionCode: ['division-code'],
  idCardIssuedOn: ['date'],
  idCardValidUntil: ['date', 'text'],
  bankCard: ['bank-card'],
  bankName: ['text'],
};

describe('catalogue', () => {
  it('has at least 30 items, each valid against the schema', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(30);
    expect(CATALOG.length).toBe(CATALOG_INPUTS.length);
    for (const input of CATALOG_INPUTS) expect(() => ServiceItem.parse(input), input.code).not.toThrow();
    expect(CATALOG_VERSION).toBeGreaterThanOrEqual(Math.max(...CATALOG.map((i) => i.version)));
  });

  it('covers every row of the domain table', () => {
    const names = CATALOG.map((i) => i.name).join('\n');
    for (const n of [
      '城乡居民基本医疗保险参保登记',
      '城乡居民基本养老保险参保登记',
      '待遇领取资格认证',
      '丧葬补助金',
      '最低生活保障',
      '临时救助',
      '高龄津贴',
      '残疾人证新办',
      '生育登记',
      '出生登记',
      '居民身份证补领',
      '个体工商户设立登记',
      '住房公积金提取',
      '老年人优待证',
      '宅基地',
      '医保零星报销',
    ])
      expect(names).toContain(n);
  });

  it('has unique codes and finds items by code', () => {
    const codes = CATALOG.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of CATALOG) expect(findItem(i.code)).toBe(i);
    expect(findItem('NO-SUCH-ITEM')).toBeUndefined();
  });

  it('puts every item in a listed category and leaves no category empty', () => {
    for (const i of CATALOG) expect(CATEGORIES as readonly string[]).toContain(i.category);
    for (const c of CATEGORIES)
      expect(
        CATALOG.some((i) => i.category === c),
        c,
      ).toBe(true);
  });
});

describe.each(CATALOG.map((i) => [i.code, i] as const))('%s', (_code, item) => {
  const fields = new Map(item.fields.map((f) => [f.key, f]));
  const materials = new Map(item.materials.map((m) => [m.id, m]));
  const fieldOf = (ref: ValueRef): FormField | undefined =>
    ref.source === 'field'
      ? fields.get(ref.key)
      : ref.source === 'material'
        ? materials.get(ref.material)?.dataFields.find((d) => d.key === ref.key)
        : undefined;

  it('has unique field keys, material ids and data field keys', () => {
    expect(fields.size).toBe(item.fields.length);
    expect(materials.size).toBe(item.materials.length);
    for (const m of item.materials)
      expect(new Set(m.dataFields.map((d) => d.key)).size, m.id).toBe(m.dataFields.length);
  });

  it('names rule kinds that exist and references that resolve', () => {
    for (const rule of item.rules) {
      expect(RULE_KINDS).toContain(rule.kind);
      const { values, materials: named } = refsOf(rule);
      for (const ref of values) {
        if (ref.source === 'field') expect(fields.has(ref.key), `field ${ref.key}`).toBe(true);
        if (ref.source === 'material') {
          const m = materials.get(ref.material);
          expect(m, `material ${ref.material}`).toBeDefined();
          expect(
            m?.dataFields.some((d) => d.key === ref.key),
            `${ref.material}.${ref.key}`,
          ).toBe(true);
        }
      }
      for (const id of named) expect(materials.has(id), `material ${id}`).toBe(true);
    }
  });

  it('puts photo-quality only on document photos and signature-present only on signatures', () => {
    for (const rule of item.rules) {
      if (rule.kind === 'photo-quality') expect(materials.get(rule.material)?.kind).toBe('document-photo');
      if (rule.kind === 'signature-present') expect(materials.get(rule.material)?.kind).toBe('signature');
      if (rule.kind === 'tolerance-allowed' && rule.commitmentMaterial)
        expect(materials.get(rule.commitmentMaterial)?.kind).toBe('signature');
    }
  });

  it('checks the quality and page count of every document photo and the signature of every signed material', () => {
    const ruled = (kind: Rule['kind'], id: string) =>
      item.rules.some((r) => r.kind === kind && 'material' in r && r.material === id);
    const commitment = item.rules.find((r) => r.kind === 'tolerance-allowed')?.commitmentMaterial;
    for (const m of item.materials) {
      if (m.kind === 'document-photo') {
        expect(ruled('photo-quality', m.id), m.id).toBe(true);
        expect(ruled('page-count', m.id), m.id).toBe(true);
      }
      if (m.kind === 'signature') expect(ruled('signature-present', m.id) || m.id === commitment, m.id).toBe(true);
      expect(m.pagesMin).toBeLessThanOrEqual(m.pagesMax);
      if (m.kind === 'document-photo') expect(m.pagesMin).toBeGreaterThanOrEqual(1);
      if (m.profilePhoto) expect(m.kind).toBe('document-photo');
    }
  });

  it('can be handled by proxy: a signed 代办委托书', () => {
    const e = item.materials.find((m) => m.name === '代办委托书');
    expect(e?.kind).toBe('signature');
    expect(e?.requirement).toBe('required');
    expect(item.rules.some((r) => r.kind === 'signature-present' && r.material === e?.id)).toBe(true);
  });

  it('allows tolerable materials only with 容缺, and then with a signed 容缺承诺书 inside the promised time', () => {
    const tolerable = item.materials.filter((m) => m.requirement === 'tolerable');
    const rule = item.rules.find((r) => r.kind === 'tolerance-allowed');
    if (!item.toleranceAllowed) {
      expect(tolerable).toEqual([]);
      expect(rule).toBeUndefined();
      return;
    }
    expect(tolerable.length).toBeGreaterThan(0);
    const commitment = rule?.kind === 'tolerance-allowed' ? materials.get(rule.commitmentMaterial ?? '') : undefined;
    expect(commitment?.name).toBe('容缺承诺书');
    expect(commitment?.kind).toBe('signature');
    // The due date lies inside the promised time, at least 2 working days before it.
    expect(item.maxToleranceDays).toBeLessThanOrEqual(item.promisedLimitDays - 2);
  });

  it('has sensible limits and explains required presence', () => {
    expect(item.promisedLimitDays).toBeLessThanOrEqual(item.legalLimitDays);
    if (item.requiresPresence) expect(item.presenceNote).toMatch(/\p{Script=Han}/u);
  });

  it('fills profile fields with matching types and applies formats to matching fields', () => {
    for (const f of item.fields) if (f.fromProfile) expect(PROFILE_TYPES[f.fromProfile], f.key).toContain(f.type);
    for (const f of [...item.fields, ...item.materials.flatMap((m) => m.dataFields)]) {
      if (f.type === 'select') {
        expect(f.options?.length, f.key).toBeGreaterThan(0);
        expect(new Set(f.options?.map((o) => o.value)).size).toBe(f.options?.length);
      }
    }
    for (const rule of item.rules) {
      if (rule.kind === 'field-format')
        expect(FORMAT_FITS[rule.format], JSON.stringify(rule.ref)).toContain(fieldOf(rule.ref)?.type);
      if (rule.kind === 'field-not-in') {
        const options = fieldOf(rule.ref)?.options?.map((o) => o.value) ?? [];
        for (const v of rule.values) expect(options, v).toContain(v);
      }
      if (rule.kind === 'age-range' && rule.minAge !== undefined && rule.maxAge !== undefined)
        expect(rule.minAge).toBeLessThanOrEqual(rule.maxAge);
    }
  });

  it('prefills the applicant block from the profile', () => {
    for (const key of ['name', 'idNumber', 'phone'] as const) expect(fields.get(key)?.fromProfile).toBe(key);
  });

  it('is searchable in Chinese and by pinyin initials', () => {
    const chinese = [item.name, ...item.keywords.filter((k) => /\p{Script=Han}/u.test(k))];
    const latin = item.keywords.filter((k) => /^[a-z]+$/.test(k));
    expect(chinese.length).toBeGreaterThan(1);
    expect(latin.length).toBeGreaterThan(0);
    for (const k of item.keywords) expect(/\p{Script=Han}/u.test(k) || /^[a-z]+$/.test(k), k).toBe(true);
    const spelled = chinese.map(initials);
    for (const k of latin)
      expect(
        spelled.some((s) => s.includes(k)),
        `${k} not in ${spelled.join(' ')}`,
      ).toBe(true);
    for (const r of item.commonReturns) expect(r).toMatch(/\p{Script=Han}/u);
  });
});

describe('item facts', () => {
  const item = (code: string) => {
    const i = findItem(code);
    if (!i) throw new Error(code);
    return i;
  };
  const ages = (code: string) =>
    item(code)
      .rules.filter((r) => r.kind === 'age-range')
      .map((r) => [r.minAge, r.maxAge]);

  it('encodes the age limits', () => {
    expect(ages('SB-JMYL-CB')).toEqual([
      [16, undefined],
      [undefined, 59],
    ]);
    expect(ages('MZ-GLJT')).toEqual([[80, undefined]]);
    expect(ages('MZ-LNRYDZ')).toEqual([[60, undefined]]);
  });

  it('marks the items that need the person there', () => {
    const present = CATALOG.filter((i) => i.requiresPresence)
      .map((i) => i.code)
      .sort();
    expect(present).toEqual(['CL-CJRZ-XB', 'GA-SFZ-BL', 'SB-JMYL-RZ']);
  });

  it('refuses double enrolment and students', () => {
    const notIn = (code: string) => item(code).rules.flatMap((r) => (r.kind === 'field-not-in' ? r.values : []));
    expect(notIn('YB-JMCB-DJ')).toContain('employee');
    expect(notIn('SB-JMYL-CB')).toEqual(expect.arrayContaining(['employee', 'full-time-student']));
  });

  it('asks for 户口簿 front page + own page as exactly two pages', () => {
    const hukou = item('SB-JMYL-CB').materials.find((m) => m.id === 'hukou');
    expect([hukou?.pagesMin, hukou?.pagesMax, hukou?.handling]).toEqual([2, 2, 'original-checked-copy-kept']);
  });

  it('reuses both ID card sides from the profile', () => {
    const sides = item('MZ-DB-SQ')
      .materials.filter((m) => m.profilePhoto)
      .map((m) => m.profilePhoto);
    expect(sides).toEqual(['id-card-front', 'id-card-back']);
  });

  it("checks that payment accounts are in the applicant's own name", () => {
    for (const code of ['MZ-GLJT', 'GJJ-TQ', 'YB-LXBX', 'SB-JMYL-ZX']) {
      const own = item(code).rules.some(
        (r) =>
          r.kind === 'equals' &&
          r.right.source === 'person' &&
          r.right.key === 'name' &&
          r.left.source === 'material' &&
          r.left.key === 'holderName',
      );
      expect(own, code).toBe(true);
    }
  });

  it('uses the social security card photo standard', () => {
    const q = item('SB-SBK-BL').rules.find((r) => r.kind === 'photo-quality' && r.material === 'photo');
    expect(q?.kind === 'photo-quality' && [q.thresholds.minShortEdge, q.thresholds.minLongEdge]).toEqual([358, 441]);
  });
});

describe('photo subjects', () => {
  it('gives faces portrait advice, places scene advice and every paper document advice', () => {
    const subjects = new Map<string, Set<string>>();
    for (const item of CATALOG)
      for (const r of item.rules)
        if (r.kind === 'photo-quality') {
          const name = item.materials.find((m) => m.id === r.material)!.name;
          subjects.set(name, (subjects.get(name) ?? new Set()).add(r.thresholds.subject));
        }
    const named = (subject: string) => [...subjects].filter(([, s]) => s.has(subject)).map(([name]) => name);
    // No material is one thing in one item and another elsewhere.
    expect([...subjects].filter(([, s]) => s.size > 1)).toEqual([]);
    // Every photo of a face (免冠照片, 证件照, 人像照片) and only those.
    expect(named('portrait').sort()).toEqual(
      [...subjects.keys()].filter((name) => /免冠|证件照|人像照片/.test(name)).sort(),
    );
    expect(named('scene').sort()).toEqual(['受灾现场照片', '现有住房照片'].sort());
    expect(subjects.get('居民身份证（人像面）')).toEqual(new Set(['document']));
  });

  it("checks each portrait's background and colour as its standard words them", () => {
    let portraits = 0;
    for (const item of CATALOG)
      for (const r of item.rules)
        if (r.kind === 'photo-quality' && r.thresholds.subject === 'portrait') {
          const standard = item.materials.find((m) => m.id === r.material)!.standard ?? '';
          const where = `${item.code}/${r.material}: ${standard}`;
          // Read from the words, not from the code: 白色背景 / 白底, 白色或蓝色, 白色或浅色, 背景单一.
          const wanted = /白色或浅色/.test(standard)
            ? ['light']
            : /白色或蓝色/.test(standard)
              ? ['blue', 'white']
              : /白色背景|白底/.test(standard)
                ? ['white']
                : /背景单一/.test(standard)
                  ? ['any']
                  : undefined;
          expect([...(r.thresholds.background ?? [])].sort(), where).toEqual(wanted ?? []);
          expect(r.thresholds.colour === true, where).toBe(/彩色/.test(standard));
          portraits++;
        }
    expect(portraits).toBeGreaterThanOrEqual(8);
  });
});
