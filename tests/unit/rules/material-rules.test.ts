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

describe("photo-quality: a portrait's colour and background", () => {
  const portrait = (background: ('white' | 'light' | 'blue' | 'red' | 'any')[] | undefined, colour = true) =>
    makeItem({
      materials: [{ ...ID_FRONT, id: 'photo', name: '1寸照片', handling: 'electronic' }],
      rules: [
        {
          kind: 'photo-quality',
          material: 'photo',
          thresholds: { minLongEdge: 413, subject: 'portrait', colour, ...(background && { background }) },
        },
      ],
    });
  const shot = (it: ReturnType<typeof portrait>, q: Parameters<typeof page>[0]) =>
    run(it, { materials: [material('photo', { pages: [page(q)] })] });
  // Corner colours as a phone sees them (sRGB means): a white wall, an ID-photo blue cloth, a red
  // one, a cream wall, a dim room, an olive curtain.
  const WHITE_WALL = { r: 236, g: 238, b: 241, spread: 6 };
  const BLUE_CLOTH = { r: 67, g: 142, b: 219, spread: 8 };
  const RED_CLOTH = { r: 206, g: 28, b: 38, spread: 7 };
  const CREAM_WALL = { r: 214, g: 200, b: 172, spread: 9 };
  const DIM_ROOM = { r: 70, g: 62, b: 55, spread: 12 };
  const OLIVE = { r: 128, g: 128, b: 40, spread: 5 };

  it('accepts the colour its standard names', () => {
    expect(shot(portrait(['white']), { chroma: 20, backdrop: WHITE_WALL }).findings).toEqual([]);
    expect(shot(portrait(['white', 'blue']), { chroma: 20, backdrop: BLUE_CLOTH }).findings).toEqual([]);
    expect(shot(portrait(['light']), { chroma: 20, backdrop: CREAM_WALL }).findings).toEqual([]);
    expect(shot(portrait(['light']), { chroma: 20, backdrop: WHITE_WALL }).findings).toEqual([]);
    expect(shot(portrait(['red']), { chroma: 20, backdrop: RED_CLOTH }).findings).toEqual([]);
  });

  it('refuses a background that is clearly another colour', () => {
    const blue = only(shot(portrait(['white']), { chroma: 20, backdrop: BLUE_CLOTH }), 'photo.backdrop');
    expect(blue.severity).toBe('error');
    expect(blue.message).toBe(
      '1寸照片第1页背景是蓝色，要求白色背景，乡镇会退回。请让申请人站在白色墙面或幕布前重新拍摄',
    );
    const dark = only(shot(portrait(['white', 'blue']), { chroma: 20, backdrop: DIM_ROOM }), 'photo.backdrop');
    expect(dark.severity).toBe('error');
    expect(dark.message).toContain('背景是深色，要求白色或蓝色背景');
    expect(only(shot(portrait(['blue']), { chroma: 20, backdrop: WHITE_WALL }), 'photo.backdrop').severity).toBe(
      'error',
    );
  });

  it('only warns where the camera may be wrong: a light tint for white, a colour it cannot name', () => {
    const cream = only(shot(portrait(['white']), { chroma: 20, backdrop: CREAM_WALL }), 'photo.backdrop');
    expect(cream.severity).toBe('warning');
    expect(cream.message).toBe(
      '1寸照片第1页背景看起来不是白色，请放大确认；不是就让申请人站在白色墙面或幕布前重新拍摄',
    );
    expect(only(shot(portrait(['white']), { chroma: 20, backdrop: OLIVE }), 'photo.backdrop').severity).toBe('warning');
  });

  it('takes a light tint of any hue as 浅色, but not as 白色; a cool-lit white wall only warns', () => {
    const LIGHT_BLUE = { r: 150, g: 200, b: 240, spread: 6 };
    const COOL_WHITE = { r: 190, g: 208, b: 240, spread: 6 };
    expect(shot(portrait(['light']), { chroma: 20, backdrop: LIGHT_BLUE }).findings).toEqual([]);
    const blue = only(shot(portrait(['white']), { chroma: 20, backdrop: LIGHT_BLUE }), 'photo.backdrop');
    expect(blue.severity).toBe('error');
    expect(only(shot(portrait(['white']), { chroma: 20, backdrop: COOL_WHITE }), 'photo.backdrop').severity).toBe(
      'warning',
    );
    const dark = only(shot(portrait(['light']), { chroma: 20, backdrop: DIM_ROOM }), 'photo.backdrop');
    expect(dark.message).toBe(
      '1寸照片第1页背景是深色，要求白色或浅色背景，乡镇会退回。请让申请人站在白色或浅色墙面或幕布前重新拍摄',
    );
  });

  it('takes any one plain colour where the standard asks only for 背景单一', () => {
    expect(shot(portrait(['any']), { chroma: 20, backdrop: DIM_ROOM }).findings).toEqual([]);
    expect(shot(portrait(['any']), { chroma: 20, backdrop: OLIVE }).findings).toEqual([]);
    const uneven = only(
      shot(portrait(['any']), { chroma: 20, backdrop: { ...OLIVE, spread: 50 } }),
      'photo.backdrop_uneven',
    );
    expect(uneven.message).toBe(
      '1寸照片第1页背景不是单一颜色（有杂物、门窗或阴影），乡镇可能退回。请让申请人站在单一颜色的纯色墙面或幕布前重新拍摄',
    );
  });

  it('warns of an uneven background without naming its colour', () => {
    const r = shot(portrait(['white']), { chroma: 20, backdrop: { ...BLUE_CLOTH, spread: 45 } });
    expect(codes(r)).toEqual(['photo.backdrop_uneven']);
    expect(only(r, 'photo.backdrop_uneven').severity).toBe('warning');
  });

  it('refuses a black-and-white photo where a colour one is asked', () => {
    const grey = only(shot(portrait(['white']), { chroma: 1.5, backdrop: WHITE_WALL }), 'photo.greyscale');
    expect(grey.severity).toBe('error');
    expect(grey.message).toBe(
      '1寸照片第1页是黑白照片，要求彩色照片，乡镇会退回。请用手机原相机拍彩色照片（不要用黑白滤镜）',
    );
    expect(shot(portrait(['white'], false), { chroma: 1.5, backdrop: WHITE_WALL }).findings).toEqual([]);
  });

  it('says nothing of colour or background on pages measured before they were, or without a standard', () => {
    expect(shot(portrait(['white']), {}).findings).toEqual([]);
    expect(shot(portrait(undefined), { chroma: 20, backdrop: BLUE_CLOTH }).findings).toEqual([]);
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
