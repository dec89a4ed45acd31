// 收件箱: the township's cases, most urgent deadline first, with filter chips that show counts.
import { CalendarMark } from '../components/calendar-mark';
import { STATUS_LABELS } from '../../domain/state-machine';
import type { CaseStatus } from '../../domain/schemas/case';
import type { ReviewCaseSummary } from '../../domain/api';
import { formatRoute } from '../../state';
import { DEFAULT_INBOX_STATUSES, dueSoonCases, type InboxFilters, type InboxSlice } from '../../state/reviewer/inbox';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { formatTime } from '../format';
import { useRefresh } from './use-refresh';

const caseHref = (id: string) => formatRoute({ name: 'review', page: { name: 'case', id } });

const STATUS_FILTERS: { label: string; statuses: CaseStatus[] | undefined }[] = [
  { label: '待审核', statuses: DEFAULT_INBOX_STATUSES },
  { label: '已受理', statuses: ['accepted'] },
  { label: '容缺受理', statuses: ['accepted_tolerance'] },
  { label: '退回补正', statuses: ['returned'] },
  { label: '中止', statuses: ['suspended'] },
  { label: '办结', statuses: ['completed', 'delivered', 'rated', 'followed_up'] },
  { label: '不予受理', statuses: ['refused'] },
  { label: '终止', statuses: ['terminated'] },
  { label: '已归档', statuses: ['archived'] },
  { label: '全部', statuses: undefined },
];

const sameStatuses = (a: CaseStatus[] | undefined, b: CaseStatus[] | undefined) =>
  (a ?? []).join() === (b ?? []).join();

/** Open cases first by deadline (overdue on top), then cases waiting for review by submission time. */
function byUrgency(a: ReviewCaseSummary, b: ReviewCaseSummary): number {
  const da = a.deadline?.remaining ?? a.acceptanceWindow?.remaining ?? Number.POSITIVE_INFINITY;
  const db = b.deadline?.remaining ?? b.acceptanceWindow?.remaining ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return (a.submittedAt ?? 0) - (b.submittedAt ?? 0);
}

/** 行政许可法 §32: five working days from receipt to accept, refuse or return. */
function AcceptanceClock({ w }: { w: NonNullable<ReviewCaseSummary['acceptanceWindow']> }) {
  const tone = w.overdue ? 'deadline--overdue' : w.remaining <= 1 ? 'deadline--soon' : '';
  return (
    <span class={`deadline ${tone}`} data-acceptance-window={w.overdue ? 'overdue' : 'running'}>
      {w.overdue
        ? `受理决定超期 ${-w.remaining} 个工作日（依法视为受理）`
        : w.remaining === 0
          ? '今日须作受理决定'
          : `受理决定剩 ${w.remaining} 个工作日`}
      <br />
      <small class="muted">收到 {w.receivedOn}</small>
    </span>
  );
}

function Deadline({ c }: { c: ReviewCaseSummary }) {
  if (!c.deadline && c.acceptanceWindow) return <AcceptanceClock w={c.acceptanceWindow} />;
  if (!c.deadline) return <span class="muted">{c.dueOn ?? '受理后计时'}</span>;
  const tone = c.deadline.overdue ? 'deadline--overdue' : c.deadline.dueSoon ? 'deadline--soon' : '';
  return (
    <span class={`deadline ${tone}`}>
      {c.deadline.label}
      <br />
      <small class="muted">{c.dueOn}</small>
      <CalendarMark years={c.deadline.uncoveredYears} />
    </span>
  );
}

/** 已超期 and 即将到期: accepted cases overdue or due within two working days, whatever the filters — in two strips, since overdue ones need a different call. */
function DueSoonStrip({ cases, onOpen }: { cases: ReviewCaseSummary[]; onOpen: (id: string) => void }) {
  const overdue = cases.filter((c) => c.deadline!.overdue);
  const soon = cases.filter((c) => !c.deadline!.overdue);
  return (
    <>
      <DueStrip title="已超期" cases={overdue} onOpen={onOpen} overdue />
      <DueStrip title="即将到期" cases={soon} onOpen={onOpen} />
    </>
  );
}

function DueStrip(p: { title: string; cases: ReviewCaseSummary[]; onOpen: (id: string) => void; overdue?: boolean }) {
  if (p.cases.length === 0) return null;
  const tone = p.overdue ? 'overdue' : 'soon';
  return (
    <section class={`due-strip due-strip--${tone}`} aria-label={p.title}>
      <strong>
        {p.title}（{p.cases.length}）
      </strong>
      <ul>
        {p.cases.map((c) => (
          <li key={c.id} class={`row--${tone}`}>
            <a
              href={caseHref(c.id)}
              onClick={(e) => {
                e.preventDefault();
                p.onOpen(c.id);
              }}
            >
              {c.number}
            </a>
            <span>
              {c.applicantName} · {c.itemName}
            </span>
            <span class={`deadline deadline--${tone}`}>{c.deadline!.label}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function InboxScreen({
  slice,
  visit,
  onOpen,
}: {
  slice: InboxSlice;
  visit: number;
  onOpen: (id: string) => void;
}) {
  useRefresh(slice.load, visit);
  const f = slice.filters.value;
  const data = slice.list.data.value;
  const counts = data?.counts;
  const set = (patch: Partial<InboxFilters>) => void slice.setFilters({ ...f, ...patch });
  const statusCount = (statuses: CaseStatus[] | undefined) =>
    statuses ? statuses.reduce((n, s) => n + (counts?.byStatus[s] ?? 0), 0) : (counts?.total ?? 0);
  const villages = data ? Object.entries(counts?.byVillage ?? {}) : [];
  const villageName = (code: string) => data?.cases.find((c) => c.villageCode === code)?.villageName ?? code;
  const items = data ? Object.entries(counts?.byItem ?? {}) : [];
  const itemName = (code: string) => data?.cases.find((c) => c.itemCode === code)?.itemName ?? code;
  const rows = [...(data?.cases ?? [])].sort(byUrgency);
  const on = (statuses: CaseStatus[] | undefined) =>
    !f.overdue && !f.tolerancePending && sameStatuses(f.status, statuses);

  return (
    <section class="inbox" aria-label="收件箱">
      <aside class="inbox__filters no-print" aria-label="筛选">
        <h2>状态</h2>
        <div class="filter-list" role="group" aria-label="状态">
          {STATUS_FILTERS.map((s) => (
            <button
              type="button"
              key={s.label}
              class={`filter${on(s.statuses) ? ' filter--on' : ''}`}
              aria-pressed={on(s.statuses)}
              onClick={() => set({ status: s.statuses, overdue: false, tolerancePending: false })}
            >
              <span>{s.label}</span>
              <span class="filter__count">{statusCount(s.statuses)}</span>
            </button>
          ))}
        </div>
        <h2>提醒</h2>
        <div class="filter-list" role="group" aria-label="提醒">
          <button
            type="button"
            class={`filter${f.overdue ? ' filter--on' : ''}`}
            aria-pressed={Boolean(f.overdue)}
            onClick={() => set({ overdue: !f.overdue, status: undefined, tolerancePending: false })}
          >
            <span>已超期</span>
            <span class="filter__count filter__count--bad">{counts?.overdue ?? 0}</span>
          </button>
          <button
            type="button"
            class={`filter${f.tolerancePending ? ' filter--on' : ''}`}
            aria-pressed={Boolean(f.tolerancePending)}
            onClick={() => set({ tolerancePending: !f.tolerancePending, status: undefined, overdue: false })}
          >
            <span>容缺待补齐</span>
            <span class="filter__count">{counts?.tolerancePending ?? 0}</span>
          </button>
        </div>
        <label class="filter-select">
          村
          <select value={f.village ?? ''} onChange={(e) => set({ village: e.currentTarget.value || undefined })}>
            <option value="">全部村（{counts?.total ?? 0}）</option>
            {villages.map(([code, n]) => (
              <option key={code} value={code}>
                {villageName(code)}（{n}）
              </option>
            ))}
          </select>
        </label>
        <label class="filter-select">
          事项
          <select value={f.item ?? ''} onChange={(e) => set({ item: e.currentTarget.value || undefined })}>
            <option value="">全部事项（{counts?.total ?? 0}）</option>
            {items.map(([code, n]) => (
              <option key={code} value={code}>
                {itemName(code)}（{n}）
              </option>
            ))}
          </select>
        </label>
      </aside>
      <div class="inbox__main">
        <div class="row">
          <h1 style={{ margin: '0 auto 0 0' }}>收件箱{data ? `（${data.total}）` : ''}</h1>
          <Button onClick={() => slice.load()} disabled={slice.list.loading.value}>
            {slice.list.loading.value ? '正在刷新…' : '刷新'}
          </Button>
        </div>
        {slice.list.error.value && (
          <Banner tone="danger">
            {slice.list.error.value} <Button onClick={() => slice.load()}>重试</Button>
          </Banner>
        )}
        <DueSoonStrip cases={dueSoonCases(slice.running.data.value)} onOpen={onOpen} />
        {slice.list.loading.value && !data && <p class="muted">正在读取…</p>}
        {data && rows.length === 0 && <p class="muted">没有符合条件的办件。</p>}
        {rows.length > 0 && (
          // A narrow screen scrolls the table in its own box, not the page (keyboard: focus, then arrows).
          <div class="table-scroll" role="region" aria-label="办件列表" tabIndex={0}>
            <table class="inbox__table">
              <thead>
                <tr>
                  <th>办件编号</th>
                  <th>申请人</th>
                  <th>事项</th>
                  <th>村</th>
                  <th>状态</th>
                  <th>提交时间</th>
                  <th>办理期限</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr
                    key={c.id}
                    class={
                      c.deadline?.overdue || c.acceptanceWindow?.overdue
                        ? 'row--overdue'
                        : c.deadline?.dueSoon
                          ? 'row--soon'
                          : ''
                    }
                    data-case={c.id}
                  >
                    <td>
                      <a
                        href={caseHref(c.id)}
                        onClick={(e) => {
                          e.preventDefault();
                          onOpen(c.id);
                        }}
                      >
                        {c.number}
                      </a>
                    </td>
                    <td>{c.applicantName}</td>
                    <td>{c.itemName}</td>
                    <td>{c.villageName}</td>
                    <td>
                      <span class={`status status--${c.status}`}>{STATUS_LABELS[c.status]}</span>
                      {c.revision > 1 && <small class="muted"> 第{c.revision}次提交</small>}
                      {c.tolerancePending > 0 && (
                        <small class="deadline--soon"> 容缺 {c.tolerancePending} 项待补</small>
                      )}
                    </td>
                    <td>{c.submittedAt ? formatTime(c.submittedAt) : '—'}</td>
                    <td>
                      <Deadline c={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
