import type { MaterialRequirement } from '../../../domain';
import { setMaterialData } from '../../../state';
import { useAppState } from '../../app/context';
import { SelectField, TextField } from '../../components/field';
import { DateField } from '../../components/field/date-field';

/** Values read off the document (e.g. the name on the 户口簿 page): the rules compare them with the profile. */
export function MaterialData({ requirement: r, editable }: { requirement: MaterialRequirement; editable: boolean }) {
  const state = useAppState();
  const wb = state.workbench;
  const data = wb.materialByRequirement.value.get(r.id)?.data ?? {};
  const findings = wb.report.value?.materials[r.id]?.findings ?? [];
  const on = (key: string) => findings.filter((f) => f.target.type === 'material' && f.target.field === key);
  return (
    <fieldset class="stack" disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
      <legend class="muted">照着{r.name}填写：</legend>
      <div class="grid-2">
        {r.dataFields.map((f) => {
          const fs = on(f.key);
          const error =
            fs
              .filter((x) => x.severity === 'error')
              .map((x) => x.message)
              .join('；') || undefined;
          const common = {
            label: f.label,
            required: f.required,
            hint: f.hint,
            error,
            warnings: fs.filter((x) => x.severity !== 'error').map((x) => x.message),
            value: data[f.key] ?? '',
            onValue: (v: string) => setMaterialData(state, r.id, f.key, v),
          };
          return f.type === 'select' ? (
            <SelectField key={f.key} {...common} options={f.options ?? []} placeholder="请选择" />
          ) : f.type === 'date' ? (
            <DateField key={f.key} {...common} autoComplete="off" />
          ) : (
            <TextField key={f.key} {...common} maxLength={f.maxLength} autoComplete="off" />
          );
        })}
      </div>
    </fieldset>
  );
}
