import type { DecisionKind } from '../../../domain/schemas/decision';

export const DECISION_LABELS: Record<DecisionKind, string> = {
  accept: '受理',
  return: '退回补正',
  'accept-with-tolerance': '容缺受理',
  suspend: '中止',
  resume: '恢复办理',
  complete: '办结',
  deliver: '送达',
  terminate: '终止',
  'confirm-supplied': '确认已补齐',
  refuse: '不予受理',
  'close-returned': '逾期未补正，关闭办件',
  'expire-tolerance': '容缺逾期终止（系统）',
  'follow-up': '回访',
  archive: '归档',
};

/** Order of the buttons: the usual next step first, the drastic ones last. */
export const DECISION_ORDER: DecisionKind[] = [
  'accept',
  'return',
  'accept-with-tolerance',
  'confirm-supplied',
  'complete',
  'deliver',
  'follow-up',
  'archive',
  'resume',
  'suspend',
  'close-returned',
  'refuse',
  'terminate',
];
