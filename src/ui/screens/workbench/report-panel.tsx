import { setAcknowledged, type Finding } from '../../../state';
import { alternativeRef } from '../../../domain/rules/alternatives';
import { useAppState } from '../../app/context';
import { Checkbox } from '../../components/field';
import { Banner } from '../../components/banner';

function whereOf(f: Finding, names: Map<string, string>, labels: Map<string, string>): string {
  if (f.target.type === 'material') return names.get(f.target.id) ?? '材料';
  if (f.target.type === 'field') return `申请表·${labels.get(f.target.key) ?? f.target.key}`;
  return (f.target.ref !== undefined && names.get(f.target.ref)) || '办件';
}

function jumpTo(f: Finding) {
  const sel =
    f.target.type === 'material'
      ? `[data-material="${f.target.id}"]`
      : f.target.type === 'field'
        ? `[data-field="${f.target.key}"]`
        : f.target.ref?.startsWith('alternative.')
          ? `[data-alternative="${f.target.ref.slice('alternative.'.length)}"]`
          : 'fieldset';
  const el = document.querySelector<HTMLElement>(sel);
  el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el?.querySelector<HTMLElement>('input, button, select, textarea')?.focus({ preventScroll: true });
}

/** The live pre-validation report: what blocks submission, and warnings to confirm one by one. */
export function ReportPanel() {
  const state = useAppState();
  const wb = state.workbench;
  const report = wb.report.value;
  const item = wb.item.value;
  const c = wb.record.value;
  if (!report || !item || !c) return <Banner tone="warning">无法检查：事项或申请人档案不在本机。</Banner>;
  const names = new Map(item.materials.map((m) => [m.id, m.name]));
  // A 以下之一 finding names its alternative.
  for (const a of item.alternatives) names.set(alternativeRef(a.id), a.label);
  const labels = new Map(item.fields.map((f) => [f.key, f.label]));
  const errors = report.findings.filter((f) => f.severity === 'error');
  const warnings = report.findings.filter((f) => f.severity === 'warning');
  const infos = report.findings.filter((f) => f.severity === 'info');
  const acked = new Set(c.acknowledged);
  return (
    <section class="card stack report" aria-labelledby="report-title" data-testid="report">
      <h2 id="report-title" style={{ margin: 0 }} tabIndex={-1}>
        预审结果
      </h2>
      <div class="report__summary" role="status" aria-live="polite">
        <span class={`report__count ${errors.length ? 'error-text' : 'ok-text'}`} data-testid="error-count">
          问题 {errors.length} 个
        </span>
        <span class={`report__count ${report.unacknowledged.length ? 'warn-text' : ''}`} data-testid="warning-count">
          提醒 {warnings.length} 条（待确认 {report.unacknowledged.length}）
        </span>
      </div>
      {report.canSubmit && wb.returnBlock.value !== null && (
        <Banner tone="warning">预审通过，但{wb.returnBlock.value}。</Banner>
      )}
      {report.canSubmit ? (
        wb.returnBlock.value === null && <Banner tone="success">预审通过，可以提交。</Banner>
      ) : (
        <p class="muted" style={{ margin: 0 }}>
          红色问题必须解决；黄色提醒请核实后逐条勾选。
        </p>
      )}
      {errors.length > 0 && (
        <>
          <h3>必须解决的问题</h3>
          <ul class="findings">
            {errors.map((f) => (
              <li key={f.key} class="finding finding--error" data-code={f.code}>
                <strong>{whereOf(f, names, labels)}：</strong>
                {f.message}{' '}
                <button type="button" class="linklike" onClick={() => jumpTo(f)}>
                  去处理
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {warnings.length > 0 && (
        <>
          <h3>需要核实的提醒</h3>
          <ul class="findings">
            {warnings.map((f) => (
              <li key={f.key} class="finding finding--warning" data-code={f.code}>
                <strong>{whereOf(f, names, labels)}：</strong>
                {f.message}
                <Checkbox
                  label="已核实，确认无误"
                  checked={acked.has(f.key)}
                  disabled={!wb.editable.value}
                  onChecked={(on) => void setAcknowledged(state, f.key, on)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {infos.length > 0 && (
        <ul class="findings">
          {infos.map((f) => (
            <li key={f.key} class="finding finding--info">
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
