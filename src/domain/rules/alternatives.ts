// 或 between groups of materials: which group of each alternative is complete, which absent
// materials are therefore not needed, and the one finding that names the choice when none is.
import type { MaterialAlternative, MaterialRequirement, ServiceItem } from '../schemas/catalog';
import { finding } from './findings';
import type { Finding } from './types';

/** `case` target ref of the one finding that names an alternative's choice. */
export const alternativeRef = (id: string) => `alternative.${id}`;

export interface AlternativeState {
  alternative: MaterialAlternative;
  /** Index of each complete group, in catalogue order. */
  complete: number[];
}

export interface AlternativesView {
  states: AlternativeState[];
  /** The alternative a material belongs to, if any. */
  of(id: string): AlternativeState | undefined;
  /** Absent, and another group of its alternative is complete: nothing is asked of it. */
  notNeeded(id: string): boolean;
}

/** `given(id)`: captured or tolerated. */
export function alternativesView(
  item: Pick<ServiceItem, 'alternatives' | 'materials'>,
  given: (id: string) => boolean,
): AlternativesView {
  const requirements = new Map(item.materials.map((m) => [m.id, m]));
  const byMaterial = new Map<string, { state: AlternativeState; group: number }>();
  const states = item.alternatives.map((alternative) => {
    const state: AlternativeState = { alternative, complete: [] };
    alternative.groups.forEach((g, i) => {
      for (const id of g.materials) if (!byMaterial.has(id)) byMaterial.set(id, { state, group: i });
      const needed = g.materials.filter((id) => requirements.get(id)?.requirement !== 'optional');
      if (needed.every(given) && g.materials.some(given)) state.complete.push(i);
    });
    return state;
  });
  return {
    states,
    of: (id) => byMaterial.get(id)?.state,
    notNeeded(id) {
      const at = byMaterial.get(id);
      if (!at || given(id)) return false;
      return at.state.complete.length > 0 && !at.state.complete.includes(at.group);
    },
  };
}

const names = (ids: readonly string[], requirements: ReadonlyMap<string, MaterialRequirement>) =>
  ids.map((id) => requirements.get(id)?.name ?? id).join('、');

/** One error per alternative with no complete group; what a partly captured group still lacks is named. */
export function alternativeFindings(
  item: Pick<ServiceItem, 'materials'>,
  view: AlternativesView,
  given: (id: string) => boolean,
): Finding[] {
  const requirements = new Map(item.materials.map((m) => [m.id, m]));
  const out: Finding[] = [];
  for (const { alternative: a, complete } of view.states) {
    if (complete.length > 0) continue;
    const choice = a.groups.map((g) => g.label).join('；或 ');
    const started = a.groups.find((g) => g.materials.some(given));
    const lacking = started?.materials.filter((id) => !given(id) && requirements.get(id)?.requirement !== 'optional');
    const rest =
      started && lacking && lacking.length > 0
        ? `。已提供“${names(started.materials.filter(given), requirements)}”，选这一种还缺“${names(lacking, requirements)}”`
        : '';
    out.push(
      finding(
        'material.choose_one',
        'error',
        `${a.label}：请提供以下之一：${choice}${rest}`,
        { type: 'case', ref: alternativeRef(a.id) },
        'material-missing',
      ),
    );
  }
  return out;
}

export interface AlternativeProblem {
  /** Dotted path into the item JSON. */
  path: string;
  /** Chinese, for the admin editor. */
  message: string;
}

/** Every id in a group is a material of the item; no material in two groups; alternative ids unique. */
export function alternativeProblems(item: Pick<ServiceItem, 'alternatives' | 'materials'>): AlternativeProblem[] {
  const known = new Set(item.materials.map((m) => m.id));
  const problems: AlternativeProblem[] = [];
  const ids = new Set<string>();
  const placed = new Map<string, string>();
  item.alternatives.forEach((a, i) => {
    if (ids.has(a.id)) problems.push({ path: `alternatives.${i}.id`, message: `“以下之一”编号“${a.id}”重复` });
    ids.add(a.id);
    a.groups.forEach((g, j) => {
      g.materials.forEach((id, k) => {
        const path = `alternatives.${i}.groups.${j}.materials.${k}`;
        if (!known.has(id)) {
          problems.push({ path, message: `“${a.label}”的第 ${j + 1} 组引用了不存在的材料“${id}”` });
          return;
        }
        const where = `“${a.label}”第 ${j + 1} 组（${g.label}）`;
        const before = placed.get(id);
        if (before !== undefined) {
          problems.push({ path, message: `材料“${id}”同时出现在${before}和${where}，各组不能重叠` });
        } else placed.set(id, where);
      });
    });
  });
  return problems;
}

const GIVEN_STATES: ReadonlySet<string> = new Set(['captured', 'passes', 'warnings', 'errors', 'tolerated']);

/** The same view rebuilt from a report's material states (checklist, notice, reviewer). */
export function alternativesFromReport(
  item: Pick<ServiceItem, 'alternatives' | 'materials'>,
  materials: Readonly<Record<string, { status: string }>>,
): AlternativesView {
  return alternativesView(item, (id) => GIVEN_STATES.has(materials[id]?.status ?? 'missing'));
}
