// Test and bench page for the on-device OCR (tests/bench/ocr.bench.ts, tests/e2e/ocr-engine.spec.ts):
// renders the generated ID cards (tests/ocr) and reads them with the real worker, counting the
// main thread's long tasks meanwhile.
import { installOcr, ocrStatus, recognise, removeOcr, warmOcr } from '../../../src/ocr/index';
import { cardSet, type CardSample } from '../../ocr/card-set';
import { renderCard } from '../../ocr/render-card';

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

// Long animation frames name the scripts that ran in them: what a long task was, when there is one.
interface ScriptTiming {
  invoker: string;
  sourceURL: string;
  duration: number;
}
const frames: { start: number; duration: number; scripts: string[] }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries() as (PerformanceEntry & { scripts: ScriptTiming[] })[])
    frames.push({
      start: e.startTime,
      duration: e.duration,
      scripts: e.scripts.map(
        (x) => `${x.invoker} (${x.sourceURL.replace(location.origin, '')}) ${Math.round(x.duration)} ms`,
      ),
    });
}).observe({ type: 'long-animation-frame', buffered: true });

let drawn: { people: number; i: number; blob: Blob } | undefined;

const samples = (people: number): CardSample[] => cardSet(people);

const api = {
  ocrStatus,
  async installOcr() {
    const progress: number[] = [];
    await installOcr((f) => progress.push(f));
    return progress;
  },
  removeOcr,
  warmOcr,
  /** Renders sample i and reads it, returning the result or the error's message. */
  async readOrError(people: number, i: number) {
    const s = samples(people)[i]!;
    try {
      return { result: await recognise(await renderCard(s), s.side) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  },
  count: (people: number) => samples(people).length,
  sample: (people: number, i: number) => samples(people)[i]!,
  /** Reads sample i (drawn now unless prepared); the long tasks are those seen during the read only. */
  /** Draws sample i ahead of read(), so that the bench can measure the read on its own. */
  async prepare(people: number, i: number) {
    drawn = { people, i, blob: await renderCard(samples(people)[i]!) };
  },
  async read(people: number, i: number) {
    const s = samples(people)[i]!;
    const blob = drawn?.people === people && drawn.i === i ? drawn.blob : await renderCard(s);
    drawn = undefined;
    const started = performance.now();
    const result = await recognise(blob, s.side);
    const wallMs = performance.now() - started;
    // Long tasks are reported late: wait, then keep those that began during the read.
    await new Promise((ok) => setTimeout(ok, 200));
    const during = longTasks.filter((t) => t.start >= started && t.start < started + wallMs).map((t) => t.duration);
    const longFrames = frames
      .filter((f) => f.duration > 50 && f.start + f.duration >= started && f.start < started + wallMs)
      .map(
        (f) =>
          `${Math.round(f.duration)} ms: ${f.scripts.join(', ') || 'no script (GC, layout or the thread descheduled)'}`,
      );
    return { sample: s, result, wallMs, longTasks: during, longFrames, jpegBytes: blob.size };
  },
  /** The rendered card as a data URL (to look at a sample while debugging). */
  async image(people: number, i: number) {
    const blob = await renderCard(samples(people)[i]!);
    return new Promise<string>((ok) => {
      const fr = new FileReader();
      fr.onload = () => ok(fr.result as string);
      fr.readAsDataURL(blob);
    });
  },
};

declare global {
  interface Window {
    __ocr: typeof api;
  }
}
window.__ocr = api;
document.title = 'ready';
