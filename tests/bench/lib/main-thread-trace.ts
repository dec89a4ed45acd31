// A Chromium performance trace of one page load (CDP Tracing, the DevTools timeline categories and
// the V8 sampling profiler) and what its long main-thread tasks were made of: for each task over
// the threshold, the trace events' self time by kind (script evaluation of which file, function
// calls, style, layout, parsing, GC) and the hottest JavaScript functions sampled inside it.
import type { CDPSession } from '@playwright/test';

interface TraceEvent {
  name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { url?: string; functionName?: string; stackTrace?: { url: string }[] } };
}

const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'toplevel', 'v8.execute', 'blink.user_timing', 'loading', 'v8', 'disabled-by-default-v8.cpu_profiler',
  'blink', 'blink.console', 'disabled-by-default-devtools.timeline.stack',
];

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES } });
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((ok) => cdp.once('Tracing.tracingComplete', (e) => ok(e.stream!)));
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
}

export interface TaskPart { what: string; selfMs: number }
export interface LongTask { startMs: number; durMs: number; parts: TaskPart[]; hot: TaskPart[] }

const short = (url: unknown) => (typeof url === 'string' ? url.replace(/^https?:\/\/[^/]+/, '') || '/' : '');

/** The page's long tasks (≥ `minMs` on its renderer main thread), from navigation start. */
export function longTasks(events: TraceEvent[], minMs = 50): LongTask[] {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const nav = events.find((e) => e.name === 'navigationStart' && (e.args?.data as { isLoadingMainFrame?: boolean })?.isLoadingMainFrame);
  // The main thread that ran the page's scripts (a trace begun after the page loaded has no
  // script evaluation, only calls).
  const counts = new Map<string, number>();
  for (const e of events)
    if ((e.name === 'EvaluateScript' || e.name === 'FunctionCall') && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return [];
  const origin = nav?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const samples = profileSamples(events, main.split(':')[0]!);
  const tasks: LongTask[] = [];
  let i = 0;
  while (i < onMain.length) {
    const top = onMain[i]!;
    const end = top.ts + top.dur!;
    let j = i + 1;
    while (j < onMain.length && onMain[j]!.ts < end) j++;
    if (top.dur! >= minMs * 1000) tasks.push(describe(onMain.slice(i, j), samples, origin));
    i = j;
  }
  return tasks;
}

function describe(task: TraceEvent[], samples: Sample[], origin: number): LongTask {
  const top = task[0]!;
  const self = new Map<string, number>();
  // Self time: each event's duration less its direct children's (events are nested by time).
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
      const { e, child } = stack.pop()!;
      const key = label(e, stack.map((s) => s.e));
      self.set(key, (self.get(key) ?? 0) + (e.dur! - child) / 1000);
      if (stack.length) stack.at(-1)!.child += e.dur!;
    }
  };
  for (const e of task) {
    close(e.ts);
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  const hot = new Map<string, number>();
  for (const s of samples) if (s.ts >= top.ts && s.ts < top.ts + top.dur!) hot.set(s.fn, (hot.get(s.fn) ?? 0) + s.ms);
  const sorted = (m: Map<string, number>) => [...m.entries()].map(([what, selfMs]) => ({ what, selfMs })).sort((a, b) => b.selfMs - a.selfMs);
  return { startMs: (top.ts - origin) / 1000, durMs: top.dur! / 1000, parts: sorted(self).slice(0, 12), hot: sorted(hot).slice(0, 12) };
}

/** An event's kind, with the script it ran where the trace says (the nearest enclosing one's). */
function label(e: TraceEvent, outer: TraceEvent[]): string {
  const withUrl = [e, ...outer.toReversed()].find((x) => x.args?.data?.url || x.args?.data?.stackTrace?.[0]?.url);
  const url = short(withUrl?.args?.data?.url ?? withUrl?.args?.data?.stackTrace?.[0]?.url);
  const fn = e.args?.data?.functionName;
  return `${e.name}${url ? ` ${url}` : ''}${fn ? ` ${fn}()` : ''}`;
}

interface Sample { ts: number; ms: number; fn: string }

/** V8 sampling profiler's samples on the renderer `pid` (timestamps on the trace's clock). */
function profileSamples(events: TraceEvent[], pid: string): Sample[] {
  const out: Sample[] = [];
  const nodes = new Map<string, Map<number, string>>();
  const clock = new Map<string, number>();
  for (const e of events) {
    if (String(e.pid) !== pid) continue;
    if (e.name === 'Profile') clock.set(e.id!, (e.args?.data as { startTime: number }).startTime);
    if (e.name !== 'ProfileChunk') continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number } }[]; samples?: number[] }; timeDeltas?: number[] };
    const map = nodes.get(e.id!) ?? new Map<number, string>();
    nodes.set(e.id!, map);
    for (const n of data.cpuProfile?.nodes ?? [])
      map.set(n.id, `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber ?? 0}`);
    let t = clock.get(e.id!) ?? 0;
    const deltas = data.timeDeltas ?? [];
    (data.cpuProfile?.samples ?? []).forEach((id, k) => {
      t += deltas[k] ?? 0;
      out.push({ ts: t, ms: (deltas[k + 1] ?? 0) / 1000, fn: map.get(id) ?? `#${id}` });
    });
    clock.set(e.id!, t);
  }
  return out;
}

export function formatTasks(tasks: LongTask[]): string {
  return tasks
    .map((t) => [
      `task at ${t.startMs.toFixed(0)} ms: ${t.durMs.toFixed(0)} ms`,
      ...t.parts.filter((p) => p.selfMs >= 1).map((p) => `    ${p.selfMs.toFixed(1).padStart(7)} ms  ${p.what}`),
      '    hottest sampled functions:',
      ...t.hot.filter((p) => p.selfMs >= 1).map((p) => `    ${p.selfMs.toFixed(1).padStart(7)} ms  ${p.what}`),
    ].join('\n'))
    .join('\n');
}
