// Parts of structured numbers that rules can test: each names the format it is read from, where it
// sits in the number (for the agent's message) and how a value reads in Chinese.
import type { CodePart, FieldFormat } from '../schemas/catalog';
import { DISABILITY_CATEGORIES, DISABILITY_GRADES, validateDisabilityCard } from '../validators/disability-card';

export interface CodePartSpec {
  format: FieldFormat;
  /** Chinese: what the part is and where it sits, e.g. 第20位（残疾等级）. */
  label: string;
  /** The part, or undefined when the number is not valid (its format check reports that). */
  read(value: string, today: string): string | undefined;
  /** How a value reads to the agent, e.g. 3 → 三级. */
  show(part: string): string;
}

const disability =
  (pick: (v: { idNumber: string; category: string; grade: string }) => string) => (value: string, today: string) => {
    const v = validateDisabilityCard(value, today);
    return v.ok ? pick(v.value) : undefined;
  };

export const CODE_PARTS: { readonly [P in CodePart]: CodePartSpec } = {
  'disability-id-number': {
    format: 'disability-card',
    label: '前18位（持证人身份证号）',
    read: disability((v) => v.idNumber),
    show: (p) => p,
  },
  'disability-category': {
    format: 'disability-card',
    label: '第19位（残疾类别）',
    read: disability((v) => v.category),
    show: (p) => `${p} ${DISABILITY_CATEGORIES[p] ?? ''}`.trim(),
  },
  'disability-grade': {
    format: 'disability-card',
    label: '第20位（残疾等级）',
    read: disability((v) => v.grade),
    show: (p) => `${p} ${DISABILITY_GRADES[p] ?? ''}`.trim(),
  },
};
