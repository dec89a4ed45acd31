// Shared by the browser benches: launch the project's Chromium and measure renderer memory.
import { chromium, type Browser } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath, CHROMIUM_ARGS } from '../../../scripts/browser.mjs';

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath() as string | undefined, args: CHROMIUM_ARGS as string[] });

interface ProcessInfo { type: string; id: number }

const statusKb = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
};

/**
 * Peak resident memory of Chromium's renderer and GPU processes during `action`, above what they
 * held just before: Linux's per-process high-water mark (VmHWM), reset first through
 * /proc/<pid>/clear_refs. This counts everything the page, its workers, image decoders and canvas
 * backings really touched — not just the JS heap. Linux only; needs permission to write clear_refs.
 */
export async function peakMemoryDuring<T>(browser: Browser, action: () => Promise<T>): Promise<{ result: T; peakMb?: number }> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] };
  await cdp.detach();
  const pids = processInfo.filter((p) => p.type === 'renderer' || p.type === 'GPU').map((p) => p.id);
  const before = new Map<number, number>();
  try {
    for (const pid of pids) {
      writeFileSync(`/proc/${pid}/clear_refs`, '5'); // reset the peak RSS to the current RSS
      before.set(pid, statusKb(pid, 'VmRSS'));
    }
  } catch {
    return { result: await action() }; // no /proc or no permission: no memory figure
  }
  const result = await action();
  let peakKb = 0;
  for (const pid of pids) peakKb += Math.max(0, statusKb(pid, 'VmHWM') - before.get(pid)!);
  return { result, peakMb: peakKb / 1024 };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
