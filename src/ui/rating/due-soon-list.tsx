// "即将到期" on the tablet (and the reviewer desk): promised limits and tolerance due dates that
// are overdue or due within two working days, most urgent first.
import type { DueEntry } from '../../state/reviewer/due-soon';
import './rating.css';

interface Props {
  entries: readonly DueEntry[];
  /** Name of a tolerated material by requirement id (from the catalogue). */
  materialName?: (caseId: string, requirementId: string) => string;
  onOpen?: (caseId: string) => void;
  title?: string;
}

export function DueSoonList({ entries, materialName, onOpen, title = '即将到期' }: Props) {
  return (
    <section class="due-soon" aria-label={title}>
      <h2>
        {title}
        {entries.length > 0 && <span class="due-soon__count">（{entries.length}）</span>}
      </h2>
      {entries.length === 0 ? (
        <p class="muted">没有即将到期或已超期的事项。</p>
      ) : (
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
      )}
    </section>
  );
}
