import type { CaseRow, OutboxEntry } from '../../../state';
import type { CaseStatus } from '../../../domain/schemas/case';
import { StatusBadge } from '../../components/status-badge';
import { formatTime } from '../../format';
import { CalendarMark } from '../../components/calendar-mark';
import { useAppState } from '../../app/context';
import { readCaseEarly } from '../../../state/case-early-read';

interface CardParts {
  status: CaseStatus;
  itemName: string;
  applicantName: string;
  number: string;
  updatedAt: number;
  dueOn?: string | undefined;
  acceptedOn?: string | undefined;
  sync?: 'rejected' | 'failed' | 'queued' | undefined;
  /** The probe shows the calendar mark whatever the dates, to reserve its line. */
  calendarYears?: readonly number[];
}

const SYNC_TEXT = { rejected: '⚠ 乡镇拒收', failed: '⚠ 同步失败', queued: '○ 等待同步' } as const;

/** The card's lines: status, 事项 (at most 2 lines), applicant, number, times. */
function CardBody(p: CardParts) {
  return (
    <>
      <span class="case-card__top">
        <StatusBadge status={p.status} />
        {p.sync && (
          <span class={`case-card__sync ${p.sync === 'queued' ? 'warn-text' : 'error-text'}`}>{SYNC_TEXT[p.sync]}</span>
        )}
      </span>
      <span class="case-card__item" title={p.itemName}>
        {p.itemName}
      </span>
      <strong class="case-card__who" title={p.applicantName}>
        {p.applicantName}
      </strong>
      <span class="case-card__meta">
        <span class="case-card__number">{p.number}</span>
        <span>更新于 {formatTime(p.updatedAt)}</span>
        {p.dueOn && <span>办结期限 {p.dueOn}</span>}
        {p.calendarYears ? (
          <CalendarMark years={p.calendarYears} />
        ) : (
          p.dueOn && <CalendarMark from={p.acceptedOn} to={p.dueOn} />
        )}
      </span>
    </>
  );
}

const syncOf = (row: CaseRow, problem: OutboxEntry | undefined): CardParts['sync'] =>
  problem
    ? problem.state === 'rejected'
      ? 'rejected'
      : 'failed'
    : row.case.status === 'queued'
      ? 'queued'
      : undefined;

/** One row of the case list: status, item, applicant, last change, and its sync state. */
export function CaseCard({ row, problem }: { row: CaseRow | undefined; problem: OutboxEntry | undefined }) {
  const state = useAppState();
  if (!row)
    return (
      <div class="case-card case-card--loading" aria-busy="true">
        正在读取……
      </div>
    );
  const c = row.case;
  return (
    <a
      class="case-card"
      href={`#/cases/${c.id}`}
      aria-label={`${row.applicantName}：${row.itemName}`}
      // The case's reads start now, not once the workbench is drawn.
      onClick={() => readCaseEarly(state, c)}
    >
      <CardBody
        status={c.status}
        itemName={row.itemName}
        applicantName={row.applicantName}
        number={c.number}
        updatedAt={c.updatedAt}
        dueOn={c.dueOn}
        acceptedOn={c.acceptedOn}
        sync={syncOf(row, problem)}
      />
    </a>
  );
}

// Longer than two lines at any width: the probe always reserves the 事项's two lines.
const PROBE_ITEM = '城乡居民最低生活保障待遇申请及家庭经济状况核对授权'.repeat(3);

/** A case number as wide as `number` or wider (wide glyphs), never the real one: the probe is
 *  in the DOM, and a real number there would be found twice by search and by tests. */
const widerNumber = (number: string) => number.replace(/[0-9]/g, '8').replace(/[A-Za-z]/g, 'W');

/**
 * The tallest card the list can show, measured hidden to size the rows: a 2-line 事项, a sync
 * warning and the calendar mark, with a number shaped like the first loaded row's.
 */
export function CaseCardProbe({ like }: { like: CaseRow | undefined }) {
  const c = like?.case;
  return (
    <div class="case-card">
      <CardBody
        status="accepted_tolerance"
        itemName={PROBE_ITEM}
        applicantName="阿依古丽·买买提"
        number={widerNumber(c?.number ?? 'DB-000000000000-20260101-XXXX-0000')}
        updatedAt={Date.UTC(2026, 11, 31, 15, 59)}
        dueOn="2026-12-31"
        sync="rejected"
        calendarYears={[2099]}
      />
    </div>
  );
}
