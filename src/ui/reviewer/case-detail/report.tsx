// The server's own pre-check (rules re-run on what it received) and the warnings the agent
// acknowledged before submitting.
import type { Finding, Report } from '../../../domain/rules';

const SEVERITY = { error: '错误', warning: '提醒', info: '提示' } as const;

export function ReportSection({ report, acknowledgments }: { report: Report | null; acknowledgments: Finding[] }) {
  const caseLevel = report?.findings.filter((f) => f.target.type !== 'material') ?? [];
  return (
    <section class="card stack" aria-labelledby="sec-report">
      <h2 id="sec-report">服务器预审报告</h2>
      {!report ? (
        <p class="muted">事项已不在清单中，无法预审。</p>
      ) : (
        <>
          <p>
            {report.errors === 0 && report.warnings === 0
              ? '✓ 预审未发现问题。'
              : `发现 ${report.errors} 个错误、${report.warnings} 个提醒（材料的问题见各材料下方）。`}
          </p>
          {caseLevel.length > 0 && (
            <ul class="findings">
              {caseLevel.map((f) => (
                <li key={f.key} class={`finding finding--${f.severity}`}>
                  【{SEVERITY[f.severity]}】{f.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>代办员已确认的提醒（{acknowledgments.length}）</h3>
      {acknowledgments.length === 0 ? (
        <p class="muted">无</p>
      ) : (
        <ul class="findings">
          {acknowledgments.map((f) => (
            <li key={f.key} class="finding finding--warning">
              ⚠ {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
