import './progress-bar.css';

/** Determinate progress (0–1) with a visible percentage; indeterminate when `value` is undefined. */
export function ProgressBar({ label, value }: { label: string; value?: number | undefined }) {
  const pct = value === undefined ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div class="progress">
      <span class="progress__label">
        {label}
        {pct !== undefined && `：${pct}%`}
      </span>
      <progress class="progress__bar" aria-label={label} max={100} value={pct} />
    </div>
  );
}
