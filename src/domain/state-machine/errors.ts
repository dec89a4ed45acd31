import type { CaseStatus } from '../schemas/case';
import { ACTION_LABELS, ROLE_LABELS, type ActorRole, type CaseAction } from './actions';
import { STATUS_LABELS } from './labels';

export type TransitionProblem =
  'no-such-transition' | 'role-not-allowed' | 'revision-required' | 'target-required' | 'detail-required';

const explain = (problem: TransitionProblem, from: CaseStatus, action: CaseAction, role: ActorRole): string => {
  const state = `“${STATUS_LABELS[from]}”状态的办件`;
  const act = `“${ACTION_LABELS[action]}”`;
  switch (problem) {
    case 'no-such-transition':
      return `${state}不能${act}`;
    case 'role-not-allowed':
      return `${ROLE_LABELS[role]}无权对${state}执行${act}`;
    case 'revision-required':
      return `${act}需要提交版次，才能区分首次提交和重新提交`;
    case 'target-required':
      return `${act}需要指明恢复到哪个状态`;
    case 'detail-required':
      return `${act}必须写明原因`;
  }
};

/** Thrown for any action the table does not allow; `code` is stable, `message` is for people. */
export class IllegalTransitionError extends Error {
  readonly code = 'case.illegal_transition' as const;
  constructor(
    readonly from: CaseStatus,
    readonly action: CaseAction,
    readonly role: ActorRole,
    readonly problem: TransitionProblem = 'no-such-transition',
  ) {
    super(explain(problem, from, action, role));
    this.name = 'IllegalTransitionError';
  }
}
