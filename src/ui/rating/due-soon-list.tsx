// "即将到期" on the tablet (and the reviewer desk): promised limits and tolerance due dates that
// are overdue (listed apart, under 已超期) or due within two working days, most urgent first.
import type { DueEntry } from '../../state/reviewer/due-soon';
import './rating.css';

interface Props {
  entries: readonly DueEntry[];
  /** Name of a tolerated material by requirement id (from the catalogue). */
  materialName?: (caseId: string, requirementId: string) => string;
  onOpen?: (caseId: string) => void;
  title?: string;
}

/** Overdue entries first, under their own heading: 已超期 is a different job from 即将到期. */
export function DueSoonList({ entries, materialName, onOpen, title = '即将到期' }: Props) {
  const overdue = entries.filter((e) => e.status.overdue);
  const soon = entries.filter((e) => !e.status.overdue);
  if (entries.length === 0)
    return (
      <section class="due-soon" aria-label={title}>
        <h2>{title}</h2>
        <p class="muted">没有即将到期或已超期的事项。</p>
      </section>
    );
  return (
    <>
      {overdue.length > 0 && (
        <DueGroup title="已超期" entries={overdue} materialName={materialName} onOpen={onOpen} overdue />
      )}
      {soon.length > 0 && <DueGroup title={title} entries={soon} materialName={materialName} onOpen={onOpen} />}
    </>
  );
}

function DueGroup({ title, entries, materialName, onOpen, overdue }: Props & { title: string; overdue?: boolean }) {
  return (
    <section class={`due-soon${overdue ? ' due-soon--overdue' : ''}`} aria-label={title}>
      <h2>
        {title}
        <span class="due-soon__count">（{entries.length}）</span>
      </h2>
      <ul class="due-soon__list">
        {entries.map((e) => {
          const what =
            e.kind === 'case'
              ? '承诺办结期限'
              : `容缺补齐：${(e.requirementId && materialName?.(e.caseId, e.requirementId)) || e.requirementId}`;
          const body = (
            <>
              <span class="due-soon__number">{e.caseNumber}</span>
              <span>{what}</span>
              <span class="due-soon__date">{e.dueOn}</span>
              <span class={`deadline ${e.status.overdue ? 'deadline--overdue' : 'deadline--soon'}`}>
                {e.status.label}
              </span>
            </>
          );
          return (
            <li
              key={`${e.caseId}|${e.kind}|${e.requirementId ?? ''}`}
              class={`due-soon__item${e.status.overdue ? ' due-soon__item--overdue' : ''}`}
            >
              {onOpen ? (
                <button type="button" class="due-soon__open" onClick={() => onOpen(e.caseId)}>
                  {body}
                </button>
              ) : (
                <div>{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
