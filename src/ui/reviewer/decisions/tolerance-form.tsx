// 容缺受理: accept now, with a due date per missing tolerable material, inside the window the
// promised limit allows (checked here and again on the server).
import { useEffect, useState } from 'preact/hooks';
import type { ServiceItem } from '../../../domain/schemas/catalog';
import type { Case } from '../../../domain/schemas/case';
import type { MaterialState } from '../../../domain/rules';
import { checkToleranceDue, type ToleranceWindow } from '../../../domain/review';

interface Props {
  item: ServiceItem;
  tolerance: Case['tolerance'];
  materialStates: Record<string, MaterialState> | undefined;
  window: ToleranceWindow;
  onDue: (due: { requirementId: string; dueBy: string }[]) => void;
}

export function ToleranceForm({ item, tolerance, materialStates, window, onDue }: Props) {
  const tolerable = item.materials.filter((m) => m.requirement === 'tolerable');
  const initial = () => {
    const picked: Record<string, string> = {};
    for (const m of tolerable) {
      const claim = tolerance.find((t) => t.requirementId === m.id);
      const missing = materialStates?.[m.id]?.status === 'missing' || materialStates?.[m.id]?.status === 'tolerated';
      if (claim || missing)
        picked[m.id] = claim && !checkToleranceDue(claim.promisedBy, window) ? claim.promisedBy : window.latest;
    }
    return picked;
  };
  const [picked, setPicked] = useState<Record<string, string>>(initial);
  useEffect(() => onDue(Object.entries(picked).map(([requirementId, dueBy]) => ({ requirementId, dueBy }))), [picked]);
  if (!window.possible) return <p class="field__error">承诺时限太短（{window.caseDueOn} 到期），不能容缺受理。</p>;
  return (
    <div class="stack">
      <p class="muted">
        今天受理，承诺 {window.caseDueOn} 前办结。补齐期限可选 {window.earliest} 至 {window.latest}（须在承诺期限前至少
        2 个工作日）。逾期未补齐将终止办理。
      </p>
      {tolerable.length === 0 && <p class="muted">本事项没有可容缺的材料。</p>}
      {tolerable.map((m) => {
        const on = m.id in picked;
        const problem = on ? checkToleranceDue(picked[m.id]!, window) : undefined;
        const claim = tolerance.find((t) => t.requirementId === m.id);
        return (
          <div key={m.id} class="tolerance-row" data-requirement={m.id}>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={on}
                onChange={() => {
                  const next = { ...picked };
                  if (on) delete next[m.id];
                  else next[m.id] = window.latest;
                  setPicked(next);
                }}
              />
              <span>
                {m.name}
                {claim ? `（申请人承诺 ${claim.promisedBy} 前补交）` : ''}
              </span>
            </label>
            {on && (
              <label>
                补齐期限{' '}
                <input
                  type="date"
                  value={picked[m.id]}
                  min={window.earliest}
                  max={window.latest}
                  aria-label={`${m.name} 补齐期限`}
                  onInput={(e) => setPicked({ ...picked, [m.id]: e.currentTarget.value })}
                />
              </label>
            )}
            {problem && <p class="field__error">× {problem.message}</p>}
          </div>
        );
      })}
    </div>
  );
}
