// 一次性告知单: everything still missing or to fix, and how, in one list (Administrative Licensing
// Law §32: tell everything at once). Built from the live report; pure.
import type { Case, MaterialRequirement, ServiceItem } from '../../domain';
import { alternativeRef, alternativesFromReport } from '../../domain/rules/alternatives';
import type { Finding, Report } from '../../domain/rules';
import type { MaterialGroup } from '../../domain/schemas/catalog';

export const HANDLING_LABELS: Record<MaterialRequirement['handling'], string> = {
  'original-kept': '收原件',
  'original-checked-copy-kept': '验原件、收复印件',
  electronic: '电子材料',
};

export interface NoticeLine {
  /** Material name or form field label. */
  what: string;
  /** What is wrong (Chinese), one entry per finding. */
  problems: string[];
  /** How to fix it: the material's standard and handling, or the field's hint. */
  how: string;
  severity: 'error' | 'warning';
  /** 容缺: supply by this date. */
  promisedBy?: string;
  /** 以下之一: each group that would do, with its standards (printed with 或 between them). */
  choices?: string[];
}

export interface Notice {
  lines: NoticeLine[];
  /** Nothing to tell: the case is complete. */
  complete: boolean;
}

const worst = (fs: Finding[]): 'error' | 'warning' => (fs.some((f) => f.severity === 'error') ? 'error' : 'warning');

const handlingOf = (r: MaterialRequirement) =>
  `${HANDLING_LABELS[r.handling]}${r.copies > 1 ? `，${r.copies} 份` : ''}`;

/** One group of an alternative: its label, then each material's standard and handling. */
function choiceText(item: ServiceItem, g: MaterialGroup): string {
  const parts = g.materials.flatMap((id) => {
    const r = item.materials.find((m) => m.id === id);
    if (!r) return [];
    const optional = r.requirement === 'optional' ? '（如有）' : '';
    return [`${r.name}${optional}：${[r.standard, handlingOf(r)].filter(Boolean).join('；')}`];
  });
  return `${g.label}。${parts.join('；')}`;
}

export function buildNotice(item: ServiceItem, c: Pick<Case, 'tolerance' | 'acknowledged'>, report: Report): Notice {
  const lines: NoticeLine[] = [];
  const relevant = (f: Finding) =>
    f.severity === 'error' || (f.severity === 'warning' && !c.acknowledged.includes(f.key));
  const alternatives = alternativesFromReport(item, report.materials);
  const choiceFindings = new Map<string, Finding>();
  for (const f of report.findings)
    if (f.target.type === 'case' && f.target.ref !== undefined && relevant(f)) choiceFindings.set(f.target.ref, f);
  const told = new Set<string>();

  for (const r of item.materials) {
    const state = report.materials[r.id];
    if (!state) continue;
    // An alternative with no group given: one line at its first material, listing the choices.
    const a = alternatives.of(r.id)?.alternative;
    const choice = a && !told.has(alternativeRef(a.id)) ? choiceFindings.get(alternativeRef(a.id)) : undefined;
    if (a && choice) {
      told.add(alternativeRef(a.id));
      lines.push({
        what: `${a.label}（以下之一）`,
        problems: [choice.message],
        how: `以下任选一种：${a.groups.map((g) => g.label).join('；或 ')}`,
        choices: a.groups.map((g) => choiceText(item, g)),
        severity: worst([choice]),
      });
    }
    const promise = c.tolerance.find((t) => t.requirementId === r.id && !t.suppliedAt);
    const how = [r.standard, handlingOf(r)].filter(Boolean).join('；');
    if (state.status === 'tolerated' && promise) {
      lines.push({
        what: r.name,
        problems: ['容缺受理：可先办理，须按期补交'],
        how,
        severity: 'warning',
        promisedBy: promise.promisedBy,
      });
      continue;
    }
    const fs = state.findings.filter(relevant);
    if (state.status === 'missing' && r.requirement === 'optional' && fs.length === 0) continue;
    if (fs.length === 0) continue;
    lines.push({ what: r.name, problems: fs.map((f) => f.message), how, severity: worst(fs) });
  }

  const byField = new Map<string, Finding[]>();
  const other: Finding[] = [];
  for (const f of report.findings.filter(relevant)) {
    if (f.target.type === 'field') byField.set(f.target.key, [...(byField.get(f.target.key) ?? []), f]);
    else if (f.target.type === 'case' && !told.has(f.target.ref ?? '')) other.push(f);
  }
  for (const field of item.fields) {
    const fs = byField.get(field.key);
    if (fs)
      lines.push({
        what: `申请表：${field.label}`,
        problems: fs.map((f) => f.message),
        how: field.hint ?? '请按证件和实际情况填写',
        severity: worst(fs),
      });
  }
  for (const [key, fs] of byField) {
    if (!item.fields.some((f) => f.key === key))
      lines.push({ what: key, problems: fs.map((f) => f.message), how: '', severity: worst(fs) });
  }
  if (other.length)
    lines.push({ what: '其他', problems: other.map((f) => f.message), how: '', severity: worst(other) });
  return { lines, complete: lines.length === 0 };
}
