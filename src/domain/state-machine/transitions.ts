// The case life cycle as data (委托 → 受理 → 办理 → 送达 → 回访 → 归档). The machine in ./machine.ts only
// reads this table; the UI, server and tests read it too.
import type { CaseStatus } from '../schemas/case';
import type { ActorRole, CaseAction } from './actions';

/**
 * Picks between two rows with the same `from` and `action` by the case revision:
 * the first submission (revision ≤ 1) or a resubmission after a return (revision > 1).
 */
export type RevisionGuard = 'first-submission' | 'resubmission';

export interface Transition {
  from: CaseStatus;
  to: CaseStatus;
  action: CaseAction;
  roles: readonly ActorRole[];
  guard?: RevisionGuard;
  /** The audit event must say why (e.g. a 终止 or 中止 needs a written reason). */
  requiresDetail?: boolean;
}

const AGENT = ['agent'] as const;
const REVIEWER = ['reviewer'] as const;
const SYSTEM = ['system'] as const;

const rows = (
  froms: readonly CaseStatus[],
  to: CaseStatus,
  action: CaseAction,
  roles: readonly ActorRole[],
  extra: Partial<Transition> = {},
): Transition[] => froms.map((from) => ({ from, to, action, roles, ...extra }));

export const TRANSITIONS: readonly Transition[] = [
  // Preparation on the tablet.
  ...rows(['draft'], 'ready', 'precheck-pass', SYSTEM),
  // A ready case goes back to draft when the agent edits it or a re-run pre-check fails.
  ...rows(['ready'], 'draft', 'edit', ['agent', 'system']),
  ...rows(['ready'], 'queued', 'submit', AGENT),
  // Recall before sync: a first submission goes back to draft, a resubmission back to returned.
  ...rows(['queued'], 'draft', 'recall', AGENT, { guard: 'first-submission' }),
  ...rows(['queued'], 'returned', 'recall', AGENT, { guard: 'resubmission' }),
  // The server accepted the push.
  ...rows(['queued'], 'submitted', 'sync-accepted', SYSTEM, { guard: 'first-submission' }),
  ...rows(['queued'], 'resubmitted', 'sync-accepted', SYSTEM, { guard: 'resubmission' }),
  // Township review.
  ...rows(['submitted', 'resubmitted'], 'in_review', 'open-review', REVIEWER),
  ...rows(['submitted', 'resubmitted', 'in_review'], 'returned', 'return', REVIEWER),
  ...rows(['submitted', 'resubmitted', 'in_review'], 'accepted', 'accept', REVIEWER),
  ...rows(['submitted', 'resubmitted', 'in_review'], 'accepted_tolerance', 'accept-with-tolerance', REVIEWER),
  // The agent corrects a returned case: a new revision goes into the outbox.
  ...rows(['returned'], 'queued', 'resubmit', AGENT),
  ...rows(['accepted_tolerance'], 'accepted', 'confirm-supplied', REVIEWER),
  // 中止 and its resumption: the reviewer resumes to where the case stood (from the timeline).
  ...rows(['in_review', 'accepted', 'accepted_tolerance'], 'suspended', 'suspend', REVIEWER, { requiresDetail: true }),
  ...rows(['suspended'], 'in_review', 'resume', REVIEWER),
  ...rows(['suspended'], 'accepted', 'resume', REVIEWER),
  ...rows(['suspended'], 'accepted_tolerance', 'resume', REVIEWER),
  // 办结, 送达, 回访.
  ...rows(['accepted'], 'completed', 'complete', REVIEWER),
  ...rows(['completed'], 'delivered', 'deliver', ['reviewer', 'agent']),
  // The villager's 好差评 may still come after the township's follow-up call.
  ...rows(['completed', 'delivered', 'followed_up'], 'rated', 'rate', AGENT),
  // 回访: the township calls the applicant after delivery (reached or not, satisfied or not).
  ...rows(['delivered', 'rated'], 'followed_up', 'follow-up', REVIEWER),
  // 终止 (e.g. a tolerance promise not kept) and withdrawal by the applicant through the agent.
  ...rows(['in_review', 'accepted', 'accepted_tolerance', 'suspended'], 'terminated', 'terminate', REVIEWER, {
    requiresDetail: true,
  }),
  ...rows(['draft', 'ready', 'queued', 'submitted', 'returned'], 'withdrawn', 'withdraw', AGENT),
  // 不予受理 (行政许可法 §32(1)(2)): not within this office's remit or not eligible — a written
  // reason and its legal basis, distinct from 终止 of a case that was accepted.
  ...rows(['submitted', 'resubmitted', 'in_review'], 'refused', 'refuse', REVIEWER, { requiresDetail: true }),
  // A returned case never brought back: the reviewer closes it once the configured wait has passed.
  ...rows(['returned'], 'terminated', 'close-returned', REVIEWER, { requiresDetail: true }),
  // A tolerance promise overdue past the grace period: the server's job terminates the case.
  ...rows(['accepted_tolerance'], 'terminated', 'expire-tolerance', SYSTEM, { requiresDetail: true }),
  // 归档: the file is closed once nothing more will happen to it.
  ...rows(['rated', 'followed_up', 'refused', 'terminated', 'withdrawn'], 'archived', 'archive', REVIEWER),
];
