// What evaluate checks from the item's structure alone, without any explicit rule.
import { describe, expect, it } from 'vitest';
import { HAS_CHINESE, codes, makeItem, material, only, page, pages, run } from './fixtures';

const materialsItem = makeItem({
  materials: [
    {
      id: 'id-card-front',
      name: '身份证正面',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
      standard: '四角完整，文字清晰',
    },
    {
      id: 'hukou',
      name: '户口簿',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
      pagesMin: 2,
      pagesMax: 3,
    },
    { id: 'application', name: '申请书', kind: 'signature', handling: 'original-kept', requirement: 'required' },
    { id: 'licence', name: '电子营业执照', kind: 'e-licence', handling: 'electronic', requirement: 'required' },
    {
      id: 'income-proof',
      name: '收入证明',
      kind: 'document-photo',
      handling: 'original-kept',
      requirement: 'tolerable',
    },
    {
      id: 'disability',
      name: '残疾证',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'optional',
    },
  ],
});

describe('material presence', () => {
  it('reports every required and tolerable material that is missing, never optional ones', () => {
    const r = run(materialsItem);
    expect(r.findings.map((f) => f.key)).toEqual([
      'material.missing@material:id-card-front',
      'material.missing@material:hukou',
      'material.missing@material:application',
      'material.missing@material:licence',
      'material.missing@material:income-proof',
    ]);
    expect(r.findings.every((f) => f.rule === 'material-missing' && f.severity === 'error')).toBe(true);
    expect(r.materials['disability']).toEqual({ status: 'missing', findings: [] });
    expect(r.materials['hukou']?.status).toBe('missing');
  });

  it('explains what to capture, per kind, with the standard', () => {
    const r = run(materialsItem);
    const message = (id: string) =>
      r.findings.find((f) => f.target.type === 'material' && f.target.id === id)?.message ?? '';
    expect(message('id-card-front')).toBe('缺少“身份证正面”，请拍摄上传（要求：四角完整，文字清晰）');
    expect(message('hukou')).toContain('共需2页');
    expect(message('application')).toContain('在屏幕上签名');
    expect(message('licence')).toContain('电子证照');
  });

  it('counts pages, a signature or a licence reference as present', () => {
    const r = run(materialsItem, {
      materials: [
        material('id-card-front', { pages: [page()] }),
        material('hukou', { pages: pages(2) }),
        material('application', { signed: true }),
        material('licence', { licenceRef: 'DZZZ-2024-0001' }),
        material('income-proof', { pages: [page()] }),
      ],
    });
    expect(r.findings).toEqual([]);
    expect(r.canSubmit).toBe(true);
  });

  it('marks a claimed tolerable material as tolerated (info) when the item allows tolerance', () => {
    const item = makeItem({ ...materialsItem, toleranceAllowed: true });
    const r = run(item, { tolerance: [{ requirementId: 'income-proof', promisedBy: '2025-06-10' }] });
    const f = r.findings.find((x) => x.code === 'material.tolerated');
    expect(f).toMatchObject({
      severity: 'info',
      rule: 'material-missing',
      target: { type: 'material', id: 'income-proof' },
    });
    expect(f?.message).toContain('2025-06-10');
    expect(r.materials['income-proof']?.status).toBe('tolerated');
  });

  it('does not tolerate when the item forbids it, the material is not tolerable, or nothing is claimed', () => {
    const claim = [
      { requirementId: 'income-proof', promisedBy: '2025-06-10' },
      { requirementId: 'hukou', promisedBy: '2025-06-10' },
    ];
    expect(run(materialsItem, { tolerance: claim }).materials['income-proof']?.status).toBe('missing');
    const allows = makeItem({ ...materialsItem, toleranceAllowed: true });
    const r = run(allows, { tolerance: claim });
    expect(r.materials['hukou']?.status).toBe('missing');
    expect(r.materials['income-proof']?.status).toBe('tolerated');
    const unclaimed = run(allows);
    expect(unclaimed.materials['income-proof']?.status).toBe('missing');
    expect(unclaimed.findings.find((f) => f.key === 'material.missing@material:income-proof')?.message).toContain(
      '可登记容缺',
    );
  });
});

describe('page count', () => {
  it('reports too few and too many pages once pages exist', () => {
    const few = run(materialsItem, { materials: [material('hukou', { pages: pages(1) })] });
    expect(only(few, 'pages.too_few')).toMatchObject({
      severity: 'error',
      rule: 'page-count',
      target: { type: 'material', id: 'hukou' },
    });
    expect(only(few, 'pages.too_few').message).toBe('“户口簿”需要2页，现在只有1页，请补拍缺少的页');
    const many = run(materialsItem, { materials: [material('hukou', { pages: pages(4) })] });
    expect(only(many, 'pages.too_many').message).toContain('最多3页，现在有4页');
    expect(codes(run(materialsItem, { materials: [material('hukou', { pages: pages(3) })] }))).not.toContain(
      'pages.too_many',
    );
  });

  it('needs no pages for a material given as a licence reference', () => {
    const r = run(materialsItem, { materials: [material('hukou', { licenceRef: 'HK-1' })] });
    expect(codes(r).filter((c) => c.startsWith('pages.'))).toEqual([]);
  });
});

describe('form fields', () => {
  const item = makeItem({
    fields: [
      { key: 'applicantName', label: '申请人姓名', type: 'name', required: true, fromProfile: 'name' },
      { key: 'idNo', label: '身份证号', type: 'id-number', required: true },
      { key: 'phone', label: '联系电话', type: 'phone' },
      { key: 'born', label: '出生日期', type: 'date' },
      { key: 'village', label: '村代码', type: 'division-code' },
      { key: 'card', label: '银行卡号', type: 'bank-card' },
      { key: 'uscc', label: '信用代码', type: 'uscc' },
      { key: 'shop', label: '个体工商户名称', type: 'business-name' },
      { key: 'members', label: '家庭人口', type: 'number' },
      {
        key: 'insured',
        label: '参保状态',
        type: 'select',
        options: [
          { value: 'none', label: '未参保' },
          { value: 'employee', label: '已参加职工医保' },
        ],
      },
      { key: 'scope', label: '经营范围', type: 'textarea', maxLength: 10 },
    ],
  });
  const good = {
    applicantName: '张三',
    idNo: '11010519491231002X',
    phone: '13812345678',
    born: '1949-12-31',
    village: '420115100201',
    card: '6228480402564890018',
    uscc: '91350100M000100Y43',
    shop: '江夏区老王面馆',
    members: '4',
    insured: 'none',
    scope: '餐饮服务',
  };

  it('passes a correctly filled form', () => {
    const r = run(item, { fields: good, materials: [material('id-card-front', { pages: [page()] })] });
    expect(r.findings).toEqual([]);
  });

  it('reports empty required fields, whitespace counting as empty', () => {
    const r = run(item, { fields: { ...good, applicantName: '  ', idNo: '' } });
    expect(r.findings.filter((f) => f.code === 'field.required').map((f) => [f.target, f.message])).toEqual([
      [{ type: 'field', key: 'applicantName' }, '请填写「申请人姓名」'],
      [{ type: 'field', key: 'idNo' }, '请填写「身份证号」'],
    ]);
  });

  it.each([
    ['applicantName', 'Zhang San', 'name.space'],
    ['idNo', '110105194912310021', 'id.checksum'],
    ['phone', '12812345678', 'mobile.prefix'],
    ['born', '2023-02-29', 'date.invalid'],
    ['village', '4201151002', 'division.length'],
    ['card', '62284804025', 'bank.length'],
    ['uscc', '911100001000000000', 'uscc.checksum'],
    ['shop', '江夏区老王餐饮有限公司', 'bizname.org_form'],
    ['members', '四', 'field.number'],
    ['insured', 'maybe', 'field.option'],
    ['scope', '餐饮服务零售批发加工修理', 'field.too_long'],
  ])('the type of %s implies its format: %j → %s', (key, value, code) => {
    const r = run(item, {
      fields: { ...good, [key]: value },
      materials: [material('id-card-front', { pages: [page()] })],
    });
    expect(r.findings).toHaveLength(1);
    const f = only(r, code);
    expect(f).toMatchObject({
      severity: 'error',
      target: { type: 'field', key },
      rule: 'field-format',
      key: `${code}@field:${key}`,
    });
    expect(f.message).toMatch(HAS_CHINESE);
    expect(f.message.startsWith('「')).toBe(true);
  });

  it('lets a date field filled from the ID card validity say long-term', () => {
    const validity = makeItem({
      fields: [{ key: 'until', label: '身份证有效期', type: 'date', fromProfile: 'idCardValidUntil' }],
    });
    const at = (until: string) =>
      codes(run(validity, { fields: { until }, materials: [material('id-card-front', { pages: [page()] })] }));
    expect(at('长期')).toEqual([]);
    expect(at('long-term')).toEqual([]);
    expect(at('2030-02-30')).toEqual(['date.invalid']);
    const plain = makeItem({ fields: [{ key: 'until', label: '有效期', type: 'date' }] });
    expect(
      codes(run(plain, { fields: { until: '长期' }, materials: [material('id-card-front', { pages: [page()] })] })),
    ).toEqual(['date.format']);
  });

  it('turns validator warnings into warnings', () => {
    const r = run(item, {
      fields: { ...good, card: '6222020200112233445' },
      materials: [material('id-card-front', { pages: [page()] })],
    });
    expect(only(r, 'bank.luhn')).toMatchObject({ severity: 'warning', target: { type: 'field', key: 'card' } });
  });
});

describe('material data fields', () => {
  const item = makeItem({
    materials: [
      {
        id: 'hukou',
        name: '户口簿本人页',
        kind: 'document-photo',
        handling: 'original-checked-copy-kept',
        requirement: 'required',
        dataFields: [
          { key: 'name', label: '姓名', type: 'name', required: true },
          { key: 'idNumber', label: '公民身份号码', type: 'id-number' },
        ],
      },
    ],
  });

  it('checks data fields of a captured material with their types', () => {
    const r = run(item, {
      materials: [material('hukou', { pages: [page()], data: { idNumber: '110105194912310021' } })],
    });
    expect(r.findings.map((f) => [f.key, f.message])).toEqual([
      ['field.required@material:hukou.name', '请填写「户口簿本人页上的姓名」'],
      ['id.checksum@material:hukou.idNumber', expect.stringContaining('「户口簿本人页上的公民身份号码」')],
    ]);
    expect(r.materials['hukou']?.status).toBe('errors');
  });

  it('passes a material whose data fields are all right, and skips them while it is missing', () => {
    const ok = run(item, {
      materials: [material('hukou', { pages: [page()], data: { name: '张三', idNumber: '11010519491231002X' } })],
    });
    expect(ok.findings).toEqual([]);
    expect(ok.materials['hukou']?.status).toBe('passes');
    expect(codes(run(item))).toEqual(['material.missing']);
  });
});

describe('material states', () => {
  it('is captured when no rule checks the content, passes when one does and finds nothing', () => {
    const item = makeItem({
      materials: [
        { id: 'a', name: '材料甲', kind: 'document-photo', handling: 'original-kept', requirement: 'required' },
        { id: 'b', name: '材料乙', kind: 'document-photo', handling: 'original-kept', requirement: 'required' },
      ],
      rules: [{ kind: 'photo-quality', material: 'b' }],
    });
    const r = run(item, { materials: [material('a', { pages: [page()] }), material('b', { pages: [page()] })] });
    expect(r.materials['a']?.status).toBe('captured');
    expect(r.materials['b']?.status).toBe('passes');
  });

  it('merges several rows of one requirement, in a stable order', () => {
    const item = makeItem({
      materials: [
        {
          id: 'hukou',
          name: '户口簿',
          kind: 'document-photo',
          handling: 'original-kept',
          requirement: 'required',
          pagesMin: 2,
          pagesMax: 2,
        },
      ],
    });
    const rows = [
      material('hukou', { pages: [page({}, 1)], updatedAt: 2 }),
      material('hukou', { pages: [page({}, 2)], updatedAt: 1 }),
    ];
    expect(run(item, { materials: rows }).findings).toEqual([]);
  });
});
