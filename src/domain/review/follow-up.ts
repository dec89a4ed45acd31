// 回访: how the follow-up call went, in the words the timeline and the agent's tablet show.
import type { FollowUp } from '../schemas/decision';

export function followUpSummary(f: FollowUp): string {
  const outcome = !f.reached ? '未联系上申请人' : f.satisfied ? '已联系上，申请人满意' : '已联系上，申请人不满意';
  const note = f.note.trim();
  return note ? `${outcome}：${note}` : outcome;
}
