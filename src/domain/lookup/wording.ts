// What each status means for the villager, in plain words (the agent's labels are terser).
import type { CaseStatus } from '../schemas/case';

export const PUBLIC_STATUS_TEXT: Record<CaseStatus, string> = {
  draft: '代办员正在准备材料，还没有交到乡镇。',
  ready: '材料已准备好，还没有交到乡镇。',
  queued: '材料已准备好，等网络恢复后会自动交到乡镇。',
  submitted: '材料已交到乡镇，正在等待审核。',
  in_review: '乡镇工作人员正在审核材料。',
  returned: '材料需要补正。请按下面的说明准备好，联系村代办员重新提交。',
  resubmitted: '补正后的材料已重新交到乡镇，正在等待审核。',
  accepted: '乡镇已受理，正在办理。',
  accepted_tolerance: '乡镇已先行受理（容缺受理），请在期限内补齐下面的材料。',
  suspended: '办理暂时中止，中止期间不计算办理时限。详情请问村代办员。',
  completed: '已经办结，办理结果将按约定方式送达。',
  delivered: '已经办结，办理结果已经送达。',
  rated: '已经办结并送达，感谢您的评价。',
  terminated: '办理已经终止。详情请问村代办员。',
  withdrawn: '申请已经撤回。',
  refused: '申请不予受理（不属于受理范围或不符合申请条件），原因和依据已告知村代办员。',
  followed_up: '已经办结并送达，乡镇已经回访。',
  archived: '办件已经归档。',
};
