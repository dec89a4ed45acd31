import { CalendarMark } from '../../components/calendar-mark';
import type { MaterialRequirement } from '../../../domain';
import { setTolerance } from '../../../state';
import { addWorkingDays } from '../../../domain/calendar';
import { useAppState } from '../../app/context';
import { Checkbox, TextField } from '../../components/field';

/** 容缺: the applicant promises to bring this material by a date (checked by the rules). */
export function ToleranceControl({
  requirement: r,
  editable,
}: {
  requirement: MaterialRequirement;
  editable: boolean;
}) {
  const state = useAppState();
  const wb = state.workbench;
  const c = wb.record.value!;
  const promise = c.tolerance.find((t) => t.requirementId === r.id);
  const max = wb.item.value?.maxToleranceDays ?? 20;
  const latest = addWorkingDays(state.today.value, max);
  const hintId = `tol-${r.id}`;
  return (
    <div class="stack tolerance">
      <Checkbox
        label={`申请人暂时没有这份材料，先容缺受理，承诺在 ${max} 个工作日内补交`}
        checked={promise !== undefined}
        disabled={!editable}
        describedBy={hintId}
        onChecked={(on) =>
          void setTolerance(state, r.id, on ? addWorkingDays(state.today.value, Math.min(5, max)) : null)
        }
      />
      <p id={hintId} class="muted" style={{ margin: 0 }}>
        容缺须申请人签署“容缺承诺书”；逾期未补交的，终止办理。
        <CalendarMark from={state.today.value} to={latest} />
      </p>
      {promise && (
        <TextField
          label={`承诺补交日期（最晚 ${latest}）`}
          type="date"
          min={state.today.value}
          max={latest}
          value={promise.promisedBy}
          disabled={!editable}
          onValue={(v) => {
            if (v) void setTolerance(state, r.id, v);
          }}
        />
      )}
    </div>
  );
}
