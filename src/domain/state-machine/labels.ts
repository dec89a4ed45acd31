import type { CaseStatus } from '../schemas/case';

/** What the agent, reviewer and villager read for each status. */
export const STATUS_LABELS: Record<CaseStatus, string> = {
  draft: '草稿',
  ready: '待提交（预审通过）',
  queued: '待同步',
  submitted: '已提交',
  in_review: '审核中',
  returned: '退回补正',
  resubmitted: '已重新提交',
  accepted: '已受理',
  accepted_tolerance: '容缺受理',
  suspended: '中止',
  completed: '办结',
  delivered: '已送达',
  rated: '已评价',
  terminated: '终止',
  withdrawn: '已撤回',
  refused: '不予受理',
  followed_up: '已回访',
  archived: '已归档',
};
