// A horizontal bar chart in plain SVG: no chart library, prints and scales with the page.
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
}

const ROW = 28;
const LABEL_W = 180;
const BAR_W = 420;
const VALUE_W = 130;
const TONES = {
  normal: 'var(--chart-bar, #2f6fb3)',
  bad: 'var(--chart-bad, #c0392b)',
  good: 'var(--chart-good, #1e8449)',
};

export function BarChart({ title, bars, max }: Props) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 0);
  const height = Math.max(1, bars.length) * ROW + 8;
  const width = LABEL_W + BAR_W + VALUE_W;
  return (
    <figure class="bar-chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p class="muted">暂无数据</p>
      ) : (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-label={title}
          style={{ maxWidth: `${width}px` }}
        >
          {bars.map((b, i) => {
            const y = i * ROW + 4;
            const w = top === 0 ? 0 : Math.max(b.value > 0 ? 2 : 0, (b.value / top) * BAR_W);
            return (
              <g key={b.label}>
                <text x={LABEL_W - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle" font-size="14">
                  {b.label}
                </text>
                <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 8} rx="3" fill={TONES[b.tone ?? 'normal']}>
                  <title>{`${b.label}：${b.display ?? b.value}`}</title>
                </rect>
                <text x={LABEL_W + w + 6} y={y + ROW / 2} dominant-baseline="middle" font-size="13">
                  {b.display ?? String(b.value)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
