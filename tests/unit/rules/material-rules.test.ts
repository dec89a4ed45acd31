// Rule kinds that read materials: photo-quality, page-count, signature-present, tolerance-allowed.
import { describe, expect, it } from 'vitest';
import type { ServiceItemInput } from '../../../src/domain/schemas/catalog';
import { codes, keys, makeItem, material, only, page, pages, run } from './fixtures';

const ID_FRONT = {
  id: 'id-card-front',
  name: '身份证正面',
  kind: 'document-photo',
  handling: 'original-checked-copy-kept',
  requirement: 'required',
} as const;

describe('photo-quality', () => {
  const item = makeItem({
    materials: [{ ...ID_FRONT, pagesMax: 3 }],
    rules: [{ kind: 'photo-quality', material: 'id-card-front' }],
  });
  const withPage = (...p: ReturnType<typeof page>[]) =>
    run(item, { materials: [material('id-card-front', { pages: p })] });

  it('passes a good photo', () => {
    const r = withPage(page());
    expect(r.findings).toEqual([]);
    expect(r.materials['id-card-front']?.status).toBe('passes');
  });

  it.each([
    [{ width: 900, height: 700 }, 'photo.resolution', 'error'],
    [{ sharpness: 50 }, 'photo.blurred', 'warning'],
    [{ sharpness: 20 }, 'photo.blurred', 'error'],
    [{ isotropy: 0.03 }, 'photo.blurred', 'error'],
    [{ mean: 40 }, 'photo.dark', 'warning'],
    [{ mean: 240 }, 'photo.bright', 'warning'],
    [{ clipped: 0.4 }, 'photo.clipped', 'warning'],
  ] as const)('%j → %s (%s)', (metrics, code, severity) => {
    const f = only(withPage(page(metrics)), code);
    expect(f).toMatchObject({
      severity,
      rule: 'photo-quality',
      target: { type: 'material', id: 'id-card-front', page: 1 },
      key: `${code}@material:id-card-front#1`,
    });
    expect(f.message.startsWith('身份证正面第1页')).toBe(true);
  });

  it('uses the long edge, whatever the orientation', () => {
    expect(withPage(page({ width: 700, height: 1200 })).findings).toEqual([]);
  });

  it('writes the concrete advice with the page number', () => {
    const soft = withPage(page(), page({ sharpness: 50 }, 2));
    expect(only(soft, 'photo.blurred').message).toBe(
      '身份证正面第2页照片有些模糊，请放大看看字迹是否清楚；看不清就对准文件重新拍摄，拍时双手拿稳',
    );
    expect(soft.materials['id-card-front']?.status).toBe('warnings');
    const unreadable = withPage(page(), page({ sharpness: 10 }, 2));
    expect(only(unreadable, 'photo.blurred').message).toBe(
      '身份证正面第2页照片太模糊，字迹看不清，乡镇会退回。请对准文件、等画面清楚后再拍，拍时双手拿稳',
    );
    expect(unreadable.materials['id-card-front']?.status).toBe('errors');
    const shaken = withPage(page({ isotropy: 0.02 }));
    expect(only(shaken, 'photo.blurred').message).toBe(
      '身份证正面第1页拍照时手机晃动，字迹有拖影，乡镇会退回。请双手拿稳、手肘靠在桌上，重新拍摄',
    );
  });

  it('speaks of the face, not of text, for a portrait', () => {
    const portrait = makeItem({
      materials: [{ ...ID_FRONT, id: 'photo', name: '1寸照片', handling: 'electronic' }],
      rules: [{ kind: 'photo-quality', material: 'photo', thresholds: { minLongEdge: 413, subject: 'portrait' } }],
    });
    const blurred = run(portrait, { materials: [material('photo', { pages: [page({ sharpness: 10 })] })] });
    expect(only(blurred, 'photo.blurred').message).toBe(
      '1寸照片第1页照片太模糊，面部看不清，乡镇会退回。请对准面部、等画面清楚后再拍，拍时双手拿稳',
    );
    const small = run(portrait, { materials: [material('photo', { pages: [page({ width: 300, height: 400 })] })] });
    expect(only(small, 'photo.resolution').message).toBe(
      '1寸照片第1页照片分辨率太低（300×400像素，长边至少需要413像素），请靠近一些、使用手机原相机重新拍摄',
    );
  });

  it('speaks of the picture, not of text or a face, for a place', () => {
    const scene = makeItem({
      materials: [{ ...ID_FRONT, id: 'house', name: '住房照片', handling: 'electronic' }],
      rules: [{ kind: 'photo-quality', material: 'house', thresholds: { subject: 'scene' } }],
    });
    const shaken = run(scene, { materials: [material('house', { pages: [page({ isotropy: 0.02 })] })] });
    expect(only(shaken, 'photo.blurred').message).toBe(
      '住房照片第1页拍照时手机晃动，画面有拖影，乡镇会退回。请双手拿稳、站稳后重新拍摄',
    );
  });

  it('does not hold pages measured before isotropy existed against it', () => {
    expect(withPage(page({ isotropy: undefined })).findings).toEqual([]);
  });

  it('reports each problem of a page, and unmeasured pages', () => {
    const r = withPage(page({ width: 640, height: 480, sharpness: 5, mean: 20, clipped: 0.6 }), page(null, 2));
    expect(keys(r)).toEqual([
      'photo.blurred@material:id-card-front#1',
      'photo.resolution@material:id-card-front#1',
      'photo.clipped@material:id-card-front#1',
      'photo.dark@material:id-card-front#1',
      'photo.unmeasured@material:id-card-front#2',
    ]);
  });

  it('honours custom thresholds, including the short edge', () => {
    const strict = makeItem({
      materials: [ID_FRONT],
      rules: [
        {
          kind: 'photo-quality',
          material: 'id-card-front',
          thresholds: {
            minLongEdge: 2000,
            minShortEdge: 1500,
            minSharpness: 200,
            minMean: 60,
            maxMean: 225,
            maxClipped: 0.25,
          },
        },
      ],
    });
    const r = run(strict, { materials: [material('id-card-front', { pages: [page()] })] });
    expect(codes(r)).toEqual(['photo.resolution', 'photo.blurred']);
  });

  it('says nothing about a missing material beyond material.missing', () => {
    expect(codes(run(item))).toEqual(['material.missing']);
  });
});

describe('page-count', () => {
  const base: ServiceItemInput['materials'] = [
    {
      id: 'hukou',
      name: '户口簿',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'optional',
      pagesMin: 2,
      pagesMax: 4,
    },
  ];
  const item = makeItem({
    materials: base,
    rules: [{ kind: 'page-count', material: 'hukou', message: '户口簿请拍首页和本人页，共2–4页' }],
  });
  it('passes within the range and when an optional material is absent', () => {
    expect(run(item, { materials: [material('hukou', { pages: pages(2) })] }).findings).toEqual([]);
    expect(run(item).findings).toEqual([]);
  });
  it('reports outside the range with the author message (rule wording wins over the structural one)', () => {
    const r = run(item, { materials: [material('hukou', { pages: pages(1) })] });
    expect(r.findings).toEqual([
      {
        key: 'pages.too_few@material:hukou',
        code: 'pages.too_few',
        severity: 'error',
        message: '户口簿请拍首页和本人页，共2–4页',
        target: { type: 'material', id: 'hukou' },
        rule: 'page-count',
      },
    ]);
    expect(codes(run(item, { materials: [material('hukou', { pages: pages(5) })] }))).toEqual(['pages.too_many']);
  });
});

describe('signature-present', () => {
  const item = makeItem({
    materials: [
      { id: 'application', name: '申请书', kind: 'document-photo', handling: 'original-kept', requirement: 'required' },
    ],
    rules: [{ kind: 'signature-present', material: 'application' }],
  });
  it('passes a signed material', () => {
    const r = run(item, { materials: [material('application', { pages: [page()], signed: true })] });
    expect(r.findings).toEqual([]);
    expect(r.materials['application']?.status).toBe('passes');
  });
  it('reports a captured material without a signature', () => {
    const f = only(run(item, { materials: [material('application', { pages: [page()] })] }), 'signature.missing');
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'signature-present',
      target: { type: 'material', id: 'application' },
    });
    expect(f.message).toContain('在屏幕上签名');
  });
  it('leaves an absent material to material.missing', () => {
    expect(codes(run(item))).toEqual(['material.missing']);
  });
});

describe('tolerance-allowed', () => {
  const materials: ServiceItemInput['materials'] = [
    { ...ID_FRONT },
    {
      id: 'income-proof',
      name: '收入证明',
      kind: 'document-photo',
      handling: 'original-kept',
      requirement: 'tolerable',
    },
    { id: 'commitment', name: '容缺承诺书', kind: 'signature', handling: 'original-kept', requirement: 'optional' },
  ];
  const item = makeItem({
    materials,
    toleranceAllowed: true,
    maxToleranceDays: 5,
    rules: [{ kind: 'tolerance-allowed', commitmentMaterial: 'commitment' }],
  });
  const idFront = material('id-card-front', { pages: [page()] });
  const signed = material('commitment', { signed: true });
  /** Counts Monday–Friday only, enough for the test dates. */
  const weekdaysBetween = (from: string, to: string) => {
    let n = 0;
    for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) < to;) {
      d = new Date(d.getTime() + 86_400_000);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
    }
    return n;
  };

  it('accepts a valid claim with a signed commitment', () => {
    const r = run(item, {
      materials: [idFront, signed],
      tolerance: [{ requirementId: 'income-proof', promisedBy: '2025-06-09' }],
      workingDaysBetween: weekdaysBetween,
    });
    expect(codes(r)).toEqual(['material.tolerated']);
    expect(r.canSubmit).toBe(true);
    expect(r.materials['commitment']?.status).toBe('passes');
  });

  it('needs no commitment when nothing is claimed, or when every promise is kept', () => {
    expect(run(item, { materials: [idFront, material('income-proof', { pages: [page()] })] }).findings).toEqual([]);
    const kept = run(item, {
      materials: [idFront, material('income-proof', { pages: [page()] })],
      tolerance: [{ requirementId: 'income-proof', promisedBy: '2025-06-09', suppliedAt: 1 }],
    });
    expect(kept.findings).toEqual([]);
  });

  it('requires the signed commitment', () => {
    const f = only(
      run(item, { materials: [idFront], tolerance: [{ requirementId: 'income-proof', promisedBy: '2025-06-09' }] }),
      'tolerance.commitment_unsigned',
    );
    expect(f.target).toEqual({ type: 'material', id: 'commitment' });
    expect(f.message).toContain('容缺承诺书');
  });

  it.each([
    ['2025-06-01', 'tolerance.date_past'],
    ['2025-06-02', null],
    ['2025-06-09', null], // 5 working days
    ['2025-06-10', 'tolerance.date_too_late'], // 6 working days
    ['2025-02-30', 'tolerance.date_invalid'],
  ])('promise date %s → %s', (promisedBy, code) => {
    const r = run(item, {
      materials: [idFront, signed],
      tolerance: [{ requirementId: 'income-proof', promisedBy }],
      workingDaysBetween: weekdaysBetween,
    });
    expect(codes(r).filter((c) => c.startsWith('tolerance.'))).toEqual(code ? [code] : []);
  });

  it('skips the working-day limit when no calendar is given', () => {
    const r = run(item, {
      materials: [idFront, signed],
      tolerance: [{ requirementId: 'income-proof', promisedBy: '2025-12-31' }],
    });
    expect(codes(r)).toEqual(['material.tolerated']);
  });

  it('rejects claims for unknown, non-tolerable or present materials', () => {
    const r = run(item, {
      materials: [idFront, signed, material('income-proof', { pages: [page()] })],
      tolerance: [
        { requirementId: 'no-such', promisedBy: '2025-06-05' },
        { requirementId: 'id-card-front', promisedBy: '2025-06-05' },
        { requirementId: 'income-proof', promisedBy: '2025-06-05' },
      ],
    });
    expect(keys(r)).toEqual([
      'tolerance.unknown@case:tolerance.no-such',
      'tolerance.not_tolerable@material:id-card-front',
      'tolerance.not_missing@material:income-proof',
    ]);
  });

  it('rejects any claim when the item does not allow tolerance', () => {
    const strict = makeItem({ materials, toleranceAllowed: false, rules: [{ kind: 'tolerance-allowed' }] });
    const r = run(strict, {
      materials: [idFront],
      tolerance: [{ requirementId: 'income-proof', promisedBy: '2025-06-05' }],
    });
    expect(keys(r)).toEqual(['material.missing@material:income-proof', 'tolerance.not_allowed@material:income-proof']);
    expect(r.materials['income-proof']?.status).toBe('missing');
    expect(r.materials['income-proof']?.findings.map((f) => f.code)).toEqual([
      'material.missing',
      'tolerance.not_allowed',
    ]);
  });
});
