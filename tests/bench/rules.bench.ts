// Rules-engine speed: full evaluations of a realistic case (9 fields, 6 materials, 15 rules,
// 10 measured pages) per second, clean and with a typical first attempt's problems.
import { workingDaysBetween } from '../../src/domain/calendar';
import { evaluate, type EvaluationInput } from '../../src/domain/rules';
import { realisticCleanInput, realisticProblemInput } from '../unit/rules/realistic-case';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const TARGET = { label: 'target', value: 10_000 };

/** Evaluates for at least `ms` after a warm-up; returns evaluations per second. */
function evaluationsPerSecond(input: EvaluationInput, ms = 1000): number {
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += evaluate(input).findings.length;
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 200; i++) sink += evaluate(input).findings.length;
    calls += 200;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  return (calls / elapsed) * 1000;
}

export async function run(): Promise<BenchResult[]> {
  const clean = realisticCleanInput();
  const problems = { ...realisticProblemInput(), workingDaysBetween };
  if (evaluate(clean).findings.length !== 0) throw new Error('the clean case should have no findings');
  if (evaluate(problems).findings.length === 0) throw new Error('the problem case should have findings');
  return [
    { figure: 'evaluate(realistic case), clean', unit: 'evaluations/s', value: evaluationsPerSecond(clean), baseline: TARGET },
    { figure: 'evaluate(realistic case), 9 findings', unit: 'evaluations/s', value: evaluationsPerSecond(problems), baseline: TARGET },
  ];
}
