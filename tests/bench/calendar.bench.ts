// Working-day arithmetic speed: the day-number calendar against a naive string-and-Set loop.
import { HOLIDAY_YEARS, addWorkingDays } from '../../src/domain/calendar';
import { addDays, dayOfWeek } from '../../src/domain/dates';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

/** Calls `op` in batches for about `ms` milliseconds after a warm-up; returns calls per second. */
function opsPerSecond(op: (i: number) => unknown, ms = 400): number {
  for (let i = 0; i < 2000; i++) op(i);
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 1000; i++) op(calls + i);
    calls += 1000;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (calls / elapsed) * 1000;
}

// The obvious implementation: step with date strings, look days up in string sets.
const off = new Set<string>(), on = new Set<string>();
for (const y of HOLIDAY_YEARS) {
  for (const h of y.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) off.add(d);
  for (const w of y.workingWeekends) on.add(w.date);
}
const naiveIsWorking = (d: string) => on.has(d) || (!off.has(d) && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6);
function naiveAddWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0;) { d = addDays(d, 1); if (naiveIsWorking(d)) left--; }
  return d;
}

// Acceptance dates spread over two years, 20 working days (a typical promised limit).
const starts = Array.from({ length: 730 }, (_, i) => addDays('2025-01-01', i));
const start = (i: number) => starts[i % starts.length]!;

export async function run(): Promise<BenchResult[]> {
  if (addWorkingDays('2025-09-22', 20) !== naiveAddWorkingDays('2025-09-22', 20)) throw new Error('implementations disagree');
  const naive = opsPerSecond((i) => naiveAddWorkingDays(start(i), 20));
  const fast = opsPerSecond((i) => addWorkingDays(start(i), 20));
  return [{ figure: 'addWorkingDays(date, 20)', unit: 'ops/s', value: fast, baseline: { label: 'naive string loop', value: naive } }];
}
