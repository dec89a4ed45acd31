// Runs every tests/bench/*.bench.ts (each exports `run(): Promise<BenchResult[]>`), prints a
// table and writes bench/results.json. `npm run bench -- rules` runs only files whose name
// contains "rules". A failing file is reported and the exit code is 1, after the others ran.
//   BenchResult = { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'tests', 'bench');
const filter = process.argv[2];

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort()
  .map((f) => join(benchDir, f));

if (files.length === 0) {
  console.error(filter ? `No bench file matches "${filter}".` : 'No bench files in tests/bench.');
  process.exit(1);
}

function checkResult(r) {
  const ok =
    r &&
    typeof r.figure === 'string' &&
    typeof r.unit === 'string' &&
    Number.isFinite(r.value) &&
    (r.baseline === undefined || (typeof r.baseline.label === 'string' && Number.isFinite(r.baseline.value)));
  if (!ok) throw new TypeError(`not a BenchResult: ${JSON.stringify(r)}`);
  return r;
}

const results = [];
const failures = [];
for (const file of files) {
  const name = relative(root, file);
  console.log(`▶ ${name}`);
  const started = performance.now();
  try {
    const mod = await tsImport(pathToFileURL(file).href, import.meta.url);
    if (typeof mod.run !== 'function') throw new TypeError('exports no run() function');
    const out = await mod.run();
    if (!Array.isArray(out)) throw new TypeError('run() did not resolve to an array');
    for (const r of out) results.push({ file: name, ...checkResult(r) });
    console.log(`  ${out.length} figure(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures.push({ file: name, error: String(error?.stack ?? error) });
    console.error(`  ✗ ${name} failed:\n${error?.stack ?? error}`);
  }
}

const fmt = (n) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(4)).toString());
const rows = results.map((r) => [
  r.figure,
  fmt(r.value),
  r.unit,
  r.baseline ? `${r.baseline.label}: ${fmt(r.baseline.value)}` : '',
  r.baseline && r.baseline.value !== 0 ? `${(r.value / r.baseline.value).toFixed(2)}×` : '',
]);
const header = ['figure', 'value', 'unit', 'baseline', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) =>
  cells.map((c, i) => (i === 1 || i === 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const row of rows) console.log(line(row));

const report = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10 },
  ...(filter && { filter }),
  results,
  ...(failures.length > 0 && { failures }),
};
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `\nWrote bench/results.json (${results.length} figures${failures.length ? `, ${failures.length} failed file(s)` : ''}).`,
);
process.exit(failures.length > 0 ? 1 : 0);
