import { REASON_LABELS } from '../../../domain/schemas/decision';
import type { FlaggedTarget } from '../../../state/workbench/return-scope';
import { Icon } from '../../components/icon';

/** At a flagged material or field of a returned case: the reviewer's reasons, and progress. */
export function ReturnNote({ target }: { target: FlaggedTarget }) {
  return (
    <div class={`return-note${target.changed ? ' return-note--done' : ''}`} data-return-note={target.target}>
      <strong>{target.changed ? '✓ 已修改' : '审核员要求修改'}</strong>
      <ul class="return-note__reasons">
        {target.reasons.map((r, i) => (
          <li key={i}>
            <span class="return-note__code">{REASON_LABELS[r.code]}</span>
            {r.text && `：${r.text}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** At anything the reviewer did not flag: it stays as submitted. */
export function LockedNote() {
  return (
    <span class="locked-note" data-locked="true">
      <Icon name="lock" size={18} />
      无需修改
    </span>
  );
}
