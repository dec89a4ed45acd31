// Material requirements most items share, with the standard each must meet (shown on the
// checklist and printed on the one-time notice). Ids are stable: cases refer to them.
import type { AlternativeInput, FieldInput, MaterialInput } from './types';

const idStandard = '有效期内的居民身份证原件，整张拍全、四角完整、文字清晰、无反光无遮挡';

export const idCardFront: MaterialInput = {
  id: 'id-card-front',
  name: '居民身份证（人像面）',
  kind: 'document-photo',
  handling: 'original-checked-copy-kept',
  requirement: 'required',
  pagesMin: 1,
  pagesMax: 1,
  profilePhoto: 'id-card-front',
  standard: idStandard,
};
export const idCardBack: MaterialInput = {
  id: 'id-card-back',
  name: '居民身份证（国徽面）',
  kind: 'document-photo',
  handling: 'original-checked-copy-kept',
  requirement: 'required',
  pagesMin: 1,
  pagesMax: 1,
  profilePhoto: 'id-card-back',
  standard: `${idStandard}；有效期限须清晰可读`,
};
/** Both sides of the applicant's ID card, reused from the profile while the card is valid. */
export const ID_CARD: readonly MaterialInput[] = [idCardFront, idCardBack];

/**
 * 身份证或户口簿: the ID card (both sides) or the 户口簿 (`hukou` material, plus any `more` ids such
 * as the newborn's 出生医学证明), for guides that accept either as proof of identity.
 */
export function idCardOrHukou(hukouLabel = '居民户口簿（户主页、本人页）', more: string[] = []): AlternativeInput {
  return {
    id: 'identity',
    label: '身份证明',
    groups: [
      { label: '居民身份证（人像面和国徽面）', materials: ['id-card-front', 'id-card-back'] },
      { label: hukouLabel, materials: ['hukou', ...more] },
    ],
  };
}

const personOnDocument = (who: string): FieldInput[] => [
  { key: 'name', label: `${who}姓名`, type: 'name', required: true },
  { key: 'idNumber', label: `${who}公民身份号码`, type: 'id-number', required: true },
];

/** 户口簿: 户主页 + 本人页 (2 pages), or every page when the whole household counts. */
export function hukou(
  scope: 'own' | 'household',
  requirement: MaterialInput['requirement'] = 'required',
): MaterialInput {
  const own = scope === 'own';
  return {
    id: 'hukou',
    name: own ? '居民户口簿（户主页、本人页）' : '居民户口簿（首页及全部家庭成员页）',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement,
    pagesMin: 2,
    pagesMax: own ? 2 : 20,
    standard: own
      ? '验原件、收复印件：拍户主页（首页）和申请人本人页各一张，印章清晰'
      : '验原件、收复印件：拍首页和每一位家庭成员的常住人口登记卡页，不得漏页',
    dataFields: personOnDocument('户口簿本人页上的'),
  };
}

export const entrustment: MaterialInput = {
  id: 'entrustment',
  name: '代办委托书',
  kind: 'signature',
  handling: 'original-kept',
  requirement: 'required',
  pagesMin: 0,
  pagesMax: 1,
  standard: '由申请人（或其监护人）本人签字或按手印，写明委托代办的事项、代办员姓名和委托期限',
};

export const toleranceCommitment: MaterialInput = {
  id: 'tolerance-commitment',
  name: '容缺承诺书',
  kind: 'signature',
  handling: 'original-kept',
  requirement: 'optional',
  pagesMin: 0,
  pagesMax: 1,
  standard: '容缺受理时必须签署：列明缺少的材料、补齐期限，承诺逾期未补齐的终止办理',
};

/** A form or declaration signed on screen by the applicant (申请书, 登记表, 承诺书…). */
export function signedForm(
  id: string,
  name: string,
  standard: string,
  handling: MaterialInput['handling'] = 'original-kept',
): MaterialInput {
  return { id, name, kind: 'signature', handling, requirement: 'required', pagesMin: 0, pagesMax: 1, standard };
}

/** A bank card or passbook photo; the holder's name is read off it and must be the applicant's. */
export function bankCardPhoto(name = '本人银行卡或存折（账号页）'): MaterialInput {
  return {
    id: 'bank-card',
    name,
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 2,
    standard: '须为申请人本人名下的账户，户名和账号清晰可读',
    dataFields: [
      { key: 'holderName', label: '户名', type: 'name', required: true },
      { key: 'cardNumber', label: '账号', type: 'bank-card', required: true },
    ],
  };
}

/** An ID-style portrait photo (electronic). */
export function portrait(
  id: string,
  name: string,
  standard: string,
  requirement: MaterialInput['requirement'] = 'required',
  copies = 1,
): MaterialInput {
  return {
    id,
    name,
    kind: 'document-photo',
    handling: 'electronic',
    requirement,
    pagesMin: 1,
    pagesMax: 1,
    copies,
    standard,
  };
}
