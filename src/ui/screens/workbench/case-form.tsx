import type { FormField } from '../../../domain';
import { setField, type Finding } from '../../../state';
import { profileFieldValue } from '../../../domain/prefill';
import { useAppState } from '../../app/context';
import { SelectField, TextArea, TextField } from '../../components/field';
import { DateField } from '../../components/field/date-field';
import { isFieldLocked } from '../../../state/workbench/return-scope';
import { ReturnNote } from './return-note';

const INPUT_TYPE: Partial<
  Record<FormField['type'], { type?: string; inputMode?: 'numeric' | 'tel' | 'text' | 'decimal' }>
> = {
  phone: { type: 'tel', inputMode: 'tel' },
  'bank-card': { inputMode: 'numeric' },
  'division-code': { inputMode: 'numeric' },
  number: { inputMode: 'decimal' },
};

/** The item's form, prefilled from the profile; each field shows the report's findings on it. */
export function CaseForm() {
  const state = useAppState();
  const wb = state.workbench;
  const item = wb.item.value;
  const c = wb.record.value;
  if (!item || !c || item.fields.length === 0) return null;
  const findings = wb.report.value?.findings ?? [];
  const applicant = wb.applicant.value;
  const on = (key: string) => findings.filter((f: Finding) => f.target.type === 'field' && f.target.key === key);
  const readOnly = !wb.editable.value;
  const returnTargets = wb.returnTargets.value;
  return (
    <fieldset class="card stack" disabled={readOnly}>
      <legend class="material__name">申请表</legend>
      <div class="grid-2">
        {item.fields.map((f) => {
          const fs = on(f.key);
          const error =
            fs
              .filter((x) => x.severity === 'error')
              .map((x) => x.message)
              .join('；') || undefined;
          const warnings = fs.filter((x) => x.severity !== 'error').map((x) => x.message);
          const value = c.fields[f.key] ?? '';
          const fromProfile =
            f.fromProfile && applicant && value !== '' && value === profileFieldValue(applicant, f.fromProfile);
          // A returned case reopens only the fields the reviewer flagged.
          const locked = !readOnly && isFieldLocked(state, f.key);
          const flagged = returnTargets.find((t) => t.target === `field:${f.key}`);
          const disabled = readOnly || locked;
          const hint = locked
            ? '无需修改（已锁定）：乡镇没有要求改这一项'
            : fromProfile
              ? `已从群众档案带入${f.hint ? `；${f.hint}` : ''}`
              : f.hint;
          const common = {
            label: f.label,
            required: f.required,
            hint,
            error,
            warnings,
            value,
            onValue: (v: string) => setField(state, f.key, v),
          };
          const input =
            f.type === 'select' ? (
              <SelectField {...common} options={f.options ?? []} placeholder="请选择" disabled={disabled} />
            ) : f.type === 'textarea' ? (
              <TextArea {...common} maxLength={f.maxLength} disabled={disabled} />
            ) : f.type === 'date' ? (
              <DateField {...common} autoComplete="off" disabled={disabled} />
            ) : (
              <TextField
                {...common}
                {...INPUT_TYPE[f.type]}
                maxLength={f.maxLength}
                autoComplete="off"
                disabled={disabled}
              />
            );
          return (
            <div key={f.key} class="case-field" data-field={f.key} data-locked={locked || undefined}>
              {flagged && <ReturnNote target={flagged} />}
              {input}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
