// What the villager must do, in the villager's words. A finding's `message` speaks to the agent
// ("请拍摄上传", "保持手机稳定"); the one-time notice goes home with the applicant and must say what
// to bring and why, in plain words. Mapped here by finding code, so the rules keep their agent
// texts and a new code falls back to a safe generic sentence. Pure.
import type { FormField, MaterialRequirement } from '../schemas/catalog';
import type { Finding } from './types';

/** One notice line for the villager: why (plain, short) and what to bring or do. */
export interface VillagerAsk {
  reasons: string[];
  ask: string;
  /** 以下之一: the villager brings any one of these (labels already in the villager's words). */
  choices?: string[];
}

/** `YYYY-MM-DD` → 2026年12月2日 (no leading zeros, as written by hand). */
export const villagerDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/** Findings only the agent can fix (delete a page, open a page to check it): nothing to ask of the villager. */
const AGENT_ONLY = new Set(['pages.too_many', 'photo.unmeasured', 'rule.unknown_material']);
const agentOnly = (f: Finding) => AGENT_ONLY.has(f.code) || f.code.startsWith('tolerance.date');

const PHOTO_REASONS: Record<string, string> = {
  'photo.blurred': '已拍的照片模糊，看不清字',
  'photo.dark': '已拍的照片太暗，看不清字',
  'photo.bright': '已拍的照片过亮，看不清字',
  'photo.clipped': '已拍的照片有反光，部分字看不清',
  'photo.resolution': '已拍的照片不够清楚',
  'photo.greyscale': '已拍的照片是黑白的，需要彩色照片',
  'photo.backdrop': '已拍的照片背景颜色不符合要求',
  'photo.backdrop_uneven': '已拍的照片背景不是单一颜色',
};

/**
 * The document's everyday name: "居民户口簿（户主页、本人页）" → 居民户口簿 with its pages
 * "（户主页和本人页）"; other notes in brackets ("（因残申请的）", "（人像面）") are for the agent.
 */
export function documentName(name: string): { doc: string; pages: string } {
  const m = /^(.*?)（([^（）]*)）$/.exec(name);
  if (!m) return { doc: name, pages: '' };
  const [, doc, note] = m as unknown as [string, string, string];
  return { doc, pages: /页$/.test(note) ? `（${note.replace(/、/g, '和')}）` : '' };
}

const isPhotoOfPerson = (doc: string) => /(照片|相片)$/.test(doc);

function materialReason(f: Finding, r: MaterialRequirement): string | null {
  if (agentOnly(f)) return null;
  const photo = PHOTO_REASONS[f.code];
  if (photo) return photo;
  switch (f.code) {
    case 'material.missing':
      return r.kind === 'signature' ? '还没有签名' : '还没有提供';
    case 'signature.missing':
    case 'tolerance.commitment_unsigned':
      return '还没有签名';
    case 'pages.too_few':
      return '还缺少部分页面';
    case 'date.expired':
      return '证件已过有效期';
    case 'expiry.unknown':
      return '需要核对证件的有效期';
    case 'value.mismatch':
      return '证件上的信息与登记的不一致，需要核对';
    default:
      return '需要核对证件上的信息';
  }
}

function bringAsk(r: MaterialRequirement, expired: boolean): string {
  const { doc, pages } = documentName(r.name);
  if (r.kind === 'signature') return `请您本人到场，在“${doc}”上签名`;
  if (expired) return `请先换领新的${doc}，再带上新证件来办理`;
  if (r.kind === 'data')
    return /银行|账户/.test(r.name) ? '请带上您本人的银行卡或存折' : `请带上与“${doc}”有关的证件或材料`;
  if (isPhotoOfPerson(doc)) return `请带上您的${doc}`;
  const kept = r.handling === 'original-kept' ? '，原件将交乡镇留存' : '';
  const licence = r.kind === 'e-licence' ? '（已领电子证照的，也可以请代办员在线调取）' : '';
  return `请带上您的${doc}原件${pages}${licence}${kept}`;
}

/**
 * A material's notice line for the villager, or null when only the agent has something to do.
 * `promisedBy`: a 容缺 promise date — the line then says by when.
 */
export function villagerAskForMaterial(
  r: MaterialRequirement,
  findings: readonly Finding[],
  promisedBy?: string,
): VillagerAsk | null {
  const reasons = unique(findings.map((f) => materialReason(f, r)));
  if (promisedBy) {
    return {
      reasons: ['可以先办理，这份材料可以晚些补交', ...reasons.filter((x) => x !== '还没有提供')],
      ask: `${bringAsk(r, false)}，最晚于${villagerDate(promisedBy)}前补交；逾期不交，申请将被终止`,
    };
  }
  if (reasons.length === 0) return null;
  return {
    reasons,
    ask: bringAsk(
      r,
      findings.some((f) => f.code === 'date.expired'),
    ),
  };
}

/** An alternative (ID card or 户口簿…) none of whose groups is complete: bring any one of them. */
export function villagerAskForChoice(groupLabels: readonly string[]): VillagerAsk {
  return { reasons: ['还没有提供'], ask: '请带上下面任意一种材料', choices: [...groupLabels] };
}

function fieldAsk(field: FormField | undefined, label: string): string {
  switch (field?.type) {
    case 'id-number':
      return `请带上您的居民身份证，核对“${label}”`;
    case 'bank-card':
      return `请带上您本人的银行卡或存折，核对“${label}”`;
    case 'disability-card':
      return `请带上您的残疾人证，核对“${label}”`;
    case 'uscc':
    case 'business-name':
      return `请带上营业执照，核对“${label}”`;
    case 'phone':
      return `请告诉代办员您常用的${label}`;
    default:
      return `请向代办员提供“${label}”`;
  }
}

/** A form field's notice line: the villager supplies the value or the card it is read from. */
export function villagerAskForField(
  field: FormField | undefined,
  label: string,
  findings: readonly Finding[],
): VillagerAsk | null {
  const relevant = findings.filter((f) => !agentOnly(f));
  if (relevant.length === 0) return null;
  const reasons = unique(relevant.map((f) => (f.code === 'field.required' ? '还没有填写' : '填写的内容需要核对')));
  return { reasons, ask: fieldAsk(field, label) };
}

/** Case-level findings (eligibility, the applicant's profile): checked face to face, with the ID documents. */
export function villagerAskForCase(findings: readonly Finding[]): VillagerAsk | null {
  const relevant = findings.filter((f) => !agentOnly(f) && f.severity !== 'info');
  if (relevant.length === 0) return null;
  const reasons = unique(
    relevant.map((f) => {
      if (f.code === 'age.too_young' || f.code === 'age.too_old') return '年龄可能不符合本事项的办理条件';
      if (f.code === 'age.unknown') return '登记的出生日期需要核对';
      if (f.code === 'person.required') return '登记的个人信息不完整';
      if (f.code === 'date.expired') return '居民身份证可能已过有效期';
      return '办理条件需要核对';
    }),
  );
  return { reasons, ask: '请带上您的居民身份证和户口簿，与代办员当面核对' };
}

function unique(xs: readonly (string | null)[]): string[] {
  return [...new Set(xs.filter((x): x is string => x !== null))];
}
