// The explicit form of the structural page-count check, for catalogue authors who want to
// reword it or change its severity.
import { pageCountFindingsFor } from '../structure/page-count';
import type { RuleEvaluator } from '../types';

export const pageCount: RuleEvaluator<'page-count'> = {
  kind: 'page-count',
  evaluate(rule, ctx) {
    const m = ctx.captured(rule.material);
    return m ? pageCountFindingsFor(m, 'page-count') : [];
  },
  materials: (rule) => [rule.material],
};
