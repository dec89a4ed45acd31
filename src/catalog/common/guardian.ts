// The guardian block for items whose applicant is a child (孤儿基本生活费, 残疾儿童康复救助):
// the child is the profile, the guardian signs and is checked against his or her own ID card.
// The contact phone stays the profile's (a child's profile carries the guardian's number).
import type { FieldInput, MaterialInput, RuleInput } from './types';
import { field, onMaterial, sameValue } from './rules';

export const GUARDIAN_FIELDS: readonly FieldInput[] = [
  { key: 'guardianName', label: '监护人姓名', type: 'name', required: true, maxLength: 40 },
  { key: 'guardianIdNumber', label: '监护人公民身份号码', type: 'id-number', required: true },
];

export const guardianIdCard: MaterialInput = {
  id: 'guardian-id-card',
  name: '监护人居民身份证（人像面）',
  kind: 'document-photo',
  handling: 'original-checked-copy-kept',
  requirement: 'required',
  pagesMin: 1,
  pagesMax: 2,
  standard: '有效期内的监护人身份证原件，整张拍全、文字清晰',
  dataFields: [
    { key: 'name', label: '监护人身份证上的姓名', type: 'name', required: true },
    { key: 'idNumber', label: '监护人身份证上的公民身份号码', type: 'id-number', required: true },
  ],
};

/** Formats of the guardian block, and the guardian typed on the form is the one on the ID card. */
export const GUARDIAN_RULES: readonly RuleInput[] = [
  { kind: 'field-format', ref: field('guardianName'), format: 'person-name' },
  { kind: 'field-format', ref: field('guardianIdNumber'), format: 'id-number' },
  sameValue(onMaterial('guardian-id-card', 'name'), field('guardianName'), '填写的监护人姓名与监护人身份证不一致'),
  sameValue(
    onMaterial('guardian-id-card', 'idNumber'),
    field('guardianIdNumber'),
    '填写的监护人公民身份号码与监护人身份证不一致',
  ),
];
