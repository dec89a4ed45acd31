import type { ComponentChildren } from 'preact';
import type { MaterialAlternative } from '../../../domain/schemas/catalog';
import type { Finding } from '../../../state';
import { FindingList } from './finding-list';

interface Props {
  alternative: MaterialAlternative;
  /** Indexes of the groups already complete. */
  complete: readonly number[];
  /** The engine's one finding for this choice, while no group is complete. */
  finding: Finding | undefined;
  /** The material cards of one group. */
  renderGroup: (materials: readonly string[]) => ComponentChildren;
}

/** 以下之一: the groups of an alternative as a choice, a large 或 between them, the complete one marked. */
export function AlternativeCard({ alternative: a, complete, finding, renderGroup }: Props) {
  const titleId = `alt-${a.id}`;
  const done = complete.length > 0;
  return (
    <li
      class={`card stack alternative ${done ? 'alternative--done' : ''}`}
      aria-labelledby={titleId}
      data-alternative={a.id}
      data-complete={done || undefined}
    >
      <div class="material__head">
        <h3 id={titleId} class="material__name">
          {a.label}：以下任选一种
        </h3>
        <span class={`mstatus ${done ? 'mstatus--passes' : 'mstatus--missing'}`} data-testid={`alt-status-${a.id}`}>
          {done ? '已提供' : '未提供'}
        </span>
      </div>
      {finding && <FindingList findings={[finding]} />}
      {a.groups.map((g, i) => (
        <div key={g.label} class="stack">
          {i > 0 && <p class="alternative__or">或</p>}
          <section
            class={`alternative__group ${complete.includes(i) ? 'alternative__group--done' : ''}`}
            aria-label={`第 ${i + 1} 种：${g.label}`}
            data-group={i}
          >
            <h4 class="alternative__label">
              第 {i + 1} 种：{g.label}
              {complete.includes(i) && <span class="ok-text">（已齐全）</span>}
            </h4>
            <ul class="materials">{renderGroup(g.materials)}</ul>
          </section>
        </div>
      ))}
    </li>
  );
}
