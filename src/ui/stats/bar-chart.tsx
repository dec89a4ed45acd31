// A horizontal bar chart as HTML rows: labels wrap instead of being clipped (long item names),
// text stays at the page's size (≥ 16 px, no SVG scaling) and screen readers read plain text.
export interface Bar {
  label: string;
  value: number;
  /** Shown at the bar's end instead of the raw value, e.g. "12.5%（3/24）". */
  display?: string;
  /** Highlight (e.g. bad ratings, overdue). */
  tone?: 'normal' | 'bad' | 'good';
}

interface Props {
  title: string;
  bars: Bar[];
  /** Scale maximum; defaults to the largest value. */
  max?: number;
  /** Said instead of the chart when there are no bars. */
  empty?: string;
}

export function BarChart({ title, bars, max, empty = '暂无数据' }: Props) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 0);
  return (
    <figure class="bar-chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="bar-chart__rows" aria-label={title}>
          {bars.map((b) => {
            const w = top === 0 ? 0 : Math.max(b.value > 0 ? 1 : 0, (b.value / top) * 100);
            return (
              <li key={b.label} class="bar-chart__row">
                <span class="bar-chart__label">{b.label}</span>
                <span class="bar-chart__track" aria-hidden="true">
                  <span class={`bar-chart__bar bar-chart__bar--${b.tone ?? 'normal'}`} style={{ width: `${w}%` }} />
                </span>
                <span class="bar-chart__value">{b.display ?? String(b.value)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </figure>
  );
}
