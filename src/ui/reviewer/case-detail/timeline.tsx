// The audit timeline: every state change of the case, who made it and when.
import type { AuditEvent } from '../../../domain/schemas/audit';
import { ACTION_LABELS, ROLE_LABELS, STATUS_LABELS, type CaseAction } from '../../../domain/state-machine';
import type { CaseStatus } from '../../../domain/schemas/case';
import { formatTime } from '../../format';

const OTHER_ACTIONS: Record<string, string> = {
  'tolerance-supplied': '补交容缺材料',
  'rectification-opened': '差评整改立项',
  'rectification-close': '差评回访办结',
};

const actionLabel = (a: string) => ACTION_LABELS[a as CaseAction] ?? OTHER_ACTIONS[a] ?? a;
const statusLabel = (s: string | undefined) => (s ? (STATUS_LABELS[s as CaseStatus] ?? s) : '');

export function TimelineSection({ audit }: { audit: AuditEvent[] }) {
  return (
    <section class="card stack" aria-labelledby="sec-timeline">
      <h2 id="sec-timeline">办理过程</h2>
      <ol class="timeline">
        {audit.map((e) => (
          <li key={e.id}>
            <time>{formatTime(e.at)}</time>
            <span class="timeline__who">{ROLE_LABELS[e.actor.role]}</span>
            <strong>{actionLabel(e.action)}</strong>
            {e.from && e.to && (
              <span class="muted">
                （{statusLabel(e.from)} → {statusLabel(e.to)}）
              </span>
            )}
            {e.detail && <div class="timeline__detail">{e.detail}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
