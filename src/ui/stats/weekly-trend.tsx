// The weekly trend: a small SVG of submitted and returned cases per week (decorative, hidden from
// screen readers) above a table with every figure, which is what a screen reader reads.
import type { StatsReport } from '../../domain/stats';
import { rateText } from './rate-text';

const W = 36;
const H = 120;

export function WeeklyTrend({ weeks }: { weeks: StatsReport['weekly'] }) {
  const top = Math.max(1, ...weeks.map((w) => w.submitted));
  const y = (n: number) => H - (n / top) * (H - 4);
  return (
    <figure class="bar-chart weekly-trend" data-testid="weekly-trend">
      <figcaption>每周趋势（近 {weeks.length} 周，周一至周日）</figcaption>
      <svg
        viewBox={`0 0 ${weeks.length * W} ${H}`}
        width="100%"
        height={H}
        aria-hidden="true"
        preserveAspectRatio="none"
      >
        {weeks.map((w, i) => (
          <g key={w.weekStart}>
            <rect
              x={i * W + 4}
              y={y(w.submitted)}
              width={W / 2 - 4}
              height={H - y(w.submitted)}
              class="trend__submitted"
            />
            <rect
              x={i * W + W / 2}
              y={y(w.returned)}
              width={W / 2 - 4}
              height={H - y(w.returned)}
              class="trend__returned"
            />
          </g>
        ))}
      </svg>
      <p class="trend__legend" aria-hidden="true">
        <span class="trend__key trend__key--submitted" /> 提交 <span class="trend__key trend__key--returned" /> 退回
      </p>
      <div class="trend__table-wrap">
        <table class="trend__table">
          <caption class="visually-hidden">每周提交、退回办件数和按时办结率</caption>
          <thead>
            <tr>
              <th scope="col">周</th>
              <th scope="col">提交</th>
              <th scope="col">退回</th>
              <th scope="col">按时办结率</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">
                  {w.weekStart.slice(5)} 至 {w.weekEnd.slice(5)}
                </th>
                <td>{w.submitted}</td>
                <td>{w.returned}</td>
                <td>{rateText(w.onTime, '当周无办结')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
