import { useAppState } from '../../app/context';

/** On phones the report sits below the materials: a one-line summary at the top jumps to it. */
export function ReportJump() {
  const state = useAppState();
  const report = state.workbench.report.value;
  if (!report || !state.workbench.editable.value) return null;
  const go = () => {
    const el = document.querySelector<HTMLElement>('[data-testid="report"]');
    el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  };
  const block = state.workbench.returnBlock.value;
  const ok = report.canSubmit && block === null;
  const text = !report.canSubmit
    ? `预审：问题 ${report.errors} 个，待确认提醒 ${report.unacknowledged.length} 条`
    : (block ?? '预审通过，可以提交');
  return (
    <button type="button" class={`report-jump ${ok ? 'report-jump--ok' : ''}`} onClick={go}>
      <span>{text}</span>
      <span class="report-jump__go" aria-hidden="true">
        查看 ›
      </span>
    </button>
  );
}
