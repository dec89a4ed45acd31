// What can happen to a case. Action names are stored in audit events: never rename a shipped one.

export const CASE_ACTIONS = [
  'precheck-pass',
  'edit',
  'submit',
  'recall',
  'sync-accepted',
  'open-review',
  'return',
  'resubmit',
  'accept',
  'accept-with-tolerance',
  'confirm-supplied',
  'suspend',
  'resume',
  'complete',
  'deliver',
  'rate',
  'terminate',
  'withdraw',
  'refuse',
  'close-returned',
  'expire-tolerance',
  'follow-up',
  'archive',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_LABELS: Record<CaseAction, string> = {
  'precheck-pass': '预审通过',
  edit: '修改',
  submit: '提交',
  recall: '撤回待同步',
  'sync-accepted': '同步到乡镇',
  'open-review': '开始审核',
  return: '退回补正',
  resubmit: '重新提交',
  accept: '受理',
  'accept-with-tolerance': '容缺受理',
  'confirm-supplied': '确认已补齐',
  suspend: '中止',
  resume: '恢复办理',
  complete: '办结',
  deliver: '送达',
  rate: '评价',
  terminate: '终止',
  withdraw: '撤回申请',
  refuse: '不予受理',
  'close-returned': '逾期未补正关闭',
  'expire-tolerance': '容缺逾期终止',
  'follow-up': '回访',
  archive: '归档',
};

export type ActorRole = 'agent' | 'reviewer' | 'admin' | 'system';
export const ACTOR_ROLES: readonly ActorRole[] = ['agent', 'reviewer', 'admin', 'system'];

export const ROLE_LABELS: Record<ActorRole, string> = {
  agent: '代办员',
  reviewer: '审核员',
  admin: '管理员',
  system: '系统',
};
