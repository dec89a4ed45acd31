import type { Finding } from '../../../state';

const ICON = { error: '×', warning: '⚠', info: 'ⓘ' } as const;
const WORD = { error: '问题', warning: '提醒', info: '说明' } as const;

/** Findings as readable sentences, worst first (the engine's order). */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul class="findings">
      {findings.map((f) => (
        <li key={f.key} class={`finding finding--${f.severity}`} data-code={f.code}>
          <span aria-hidden="true">{ICON[f.severity]} </span>
          <span class="visually-hidden">{WORD[f.severity]}：</span>
          {f.message}
        </li>
      ))}
    </ul>
  );
}
