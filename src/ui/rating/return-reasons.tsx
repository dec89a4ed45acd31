// On the tablet, a returned case shows the reviewer's reasons next to each flagged material or
// field: the agent fixes exactly these, nothing else reopens.
import { REASON_LABELS, type Decision } from '../../domain/schemas/decision';
import type { ServiceItem } from '../../domain/schemas/catalog';
import { reasonsByTarget } from '../../state/reviewer/returned';
import { Banner } from '../components/banner';
import { formatTime } from '../format';
import './rating.css';

interface Props {
  decision: Decision;
  item?: ServiceItem | undefined;
  /** Called with the requirement id (or `field:<key>`) when the agent taps a flagged entry. */
  onOpenTarget?: ((target: string) => void) | undefined;
  /** Whether a flagged entry has been changed since the return (undefined: not shown). */
  changed?: ((target: string) => boolean | undefined) | undefined;
}

export function ReturnReasons({ decision, item, onOpenTarget, changed }: Props) {
  const groups = reasonsByTarget(decision, item);
  return (
    <section class="return-reasons stack" aria-label="退回补正原因">
      <Banner tone="warning">
        乡镇审核员于 {formatTime(decision.decidedAt)} 退回补正，共 {groups.length}{' '}
        项需要修改（一次性告知）。只需修改下面列出的内容，改好后重新提交。
      </Banner>
      <ul class="return-reasons__list">
        {groups.map((g) => (
          <li key={g.target} class="card return-reasons__item" data-target={g.target}>
            <div class="row">
              <strong>{g.kind === 'field' ? `填写项：${g.label}` : g.label}</strong>
              {changed?.(g.target) === true && <span class="return-reasons__done">✓ 已修改</span>}
              {changed?.(g.target) === false && <span class="return-reasons__todo">待修改</span>}
              {onOpenTarget && (
                <button type="button" class="btn btn--primary" onClick={() => onOpenTarget(g.target)}>
                  去修改
                </button>
              )}
            </div>
            <ul class="return-reasons__reasons">
              {g.reasons.map((r, i) => (
                <li key={i}>
                  <span class="return-reasons__code">{REASON_LABELS[r.code]}</span>
                  {r.text && <span>：{r.text}</span>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {decision.note && <p class="muted">审核员备注：{decision.note}</p>}
    </section>
  );
}
