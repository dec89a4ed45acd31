import type { CaseStatus } from '../../../domain/schemas/case';
import { STATUS_LABELS } from '../../../domain/state-machine/labels';
import './status-badge.css';

const TONE: Record<CaseStatus, 'neutral' | 'info' | 'warning' | 'danger' | 'success'> = {
  draft: 'neutral',
  ready: 'info',
  queued: 'warning',
  submitted: 'info',
  in_review: 'info',
  returned: 'danger',
  resubmitted: 'info',
  accepted: 'success',
  accepted_tolerance: 'warning',
  suspended: 'warning',
  completed: 'success',
  delivered: 'success',
  rated: 'success',
  terminated: 'danger',
  withdrawn: 'neutral',
  refused: 'danger',
  followed_up: 'success',
  archived: 'neutral',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span class={`status status--${TONE[status]}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
