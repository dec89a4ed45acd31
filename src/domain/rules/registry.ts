// One evaluator per rule kind. The mapped type makes a missing kind a compile error, so adding a
// kind to the catalogue schema means: one file in kinds/ and one line here.
import type { RuleKind } from '../schemas/catalog';
import { ageRange } from './kinds/age-range';
import { atMost } from './kinds/at-most';
import { codePart } from './kinds/code-part';
import { dateWindow } from './kinds/date-window';
import { equals } from './kinds/equals';
import { fieldFormat } from './kinds/field-format';
import { fieldNotIn } from './kinds/field-not-in';
import { notExpired } from './kinds/not-expired';
import { pageCount } from './kinds/page-count';
import { photoQuality } from './kinds/photo-quality';
import { required } from './kinds/required';
import { signaturePresent } from './kinds/signature-present';
import { toleranceAllowed } from './kinds/tolerance-allowed';
import type { RuleEvaluator } from './types';

export const RULE_EVALUATORS: { readonly [K in RuleKind]: RuleEvaluator<K> } = {
  'field-format': fieldFormat,
  required,
  equals,
  'age-range': ageRange,
  'not-expired': notExpired,
  'date-window': dateWindow,
  'photo-quality': photoQuality,
  'page-count': pageCount,
  'signature-present': signaturePresent,
  'field-not-in': fieldNotIn,
  'at-most': atMost,
  'tolerance-allowed': toleranceAllowed,
  'code-part': codePart,
};
