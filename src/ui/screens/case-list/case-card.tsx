import type { CaseRow, OutboxEntry } from '../../../state';
import { StatusBadge } from '../../components/status-badge';
import { formatTime } from '../../format';
import { CalendarMark } from '../../components/calendar-mark';

/** One row of the case list: status, item, applicant, last change, and its sync state. */
export function CaseCard({ row, problem }: { row: CaseRow | undefined; problem: OutboxEntry | undefined }) {
  if (!row)
    return (
      <div class="case-card case-card--loading" aria-busy="true">
        正在读取……
      </div>
    );
  const c = row.case;
  return (
    <a class="case-card" href={`#/cases/${c.id}`} aria-label={`${row.applicantName}：${row.itemName}`}>
      <span class="case-card__top">
        <StatusBadge status={c.status} />
        <span class="case-card__sync">
          {problem ? (
            <strong class="error-text">{problem.state === 'rejected' ? '⚠ 乡镇拒收' : '⚠ 同步失败'}</strong>
          ) : c.status === 'queued' ? (
            <span class="warn-text">⏳ 等待同步</span>
          ) : null}
        </span>
      </span>
      <span class="case-card__item">{row.itemName}</span>
      <span class="case-card__meta">
        <strong>{row.applicantName}</strong>
        <span class="muted">
          {c.number} · 更新于 {formatTime(c.updatedAt)}
          {c.dueOn ? ` · 办结期限 ${c.dueOn}` : ''}
        </span>
        {c.dueOn && <CalendarMark from={c.acceptedOn} to={c.dueOn} />}
      </span>
    </a>
  );
}
