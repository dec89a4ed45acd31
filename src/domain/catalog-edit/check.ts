// Checks a service item as the county admin edits it: the domain schema first, then what the rules
// engine needs (every rule's field, material and data field must exist). Messages are in Chinese,
// each with the JSON path it is about, so the editor can show them live.
import { ServiceItem, type Rule, type ValueRef } from '../schemas/catalog';
import { alternativeProblems } from '../rules/alternatives';
import { ruleMaterials } from '../rules/references';

export interface ItemProblem {
  /** Dotted path into the item JSON (`rules.2.ref.key`), '' for the whole item. */
  path: string;
  message: string;
}

export type ItemCheck = { ok: true; item: ServiceItem; problems: [] } | { ok: false; problems: ItemProblem[] };

const REF_KEYS = ['ref', 'left', 'right', 'at', 'equals', 'fallback', 'until', 'max'] as const;

function refProblems(item: ServiceItem, ref: ValueRef, path: string): ItemProblem[] {
  if (ref.source === 'field') {
    return item.fields.some((f) => f.key === ref.key)
      ? []
      : [{ path: `${path}.key`, message: `规则引用了不存在的表单字段“${ref.key}”` }];
  }
  if (ref.source === 'material') {
    const material = item.materials.find((m) => m.id === ref.material);
    if (!material) return [{ path: `${path}.material`, message: `规则引用了不存在的材料“${ref.material}”` }];
    if (!material.dataFields.some((f) => f.key === ref.key)) {
      return [{ path: `${path}.key`, message: `材料“${material.name}”没有数据字段“${ref.key}”` }];
    }
  }
  return [];
}

function ruleProblems(item: ServiceItem, rule: Rule, i: number): ItemProblem[] {
  const path = `rules.${i}`;
  const problems: ItemProblem[] = [];
  const record = rule as Record<string, unknown>;
  for (const key of REF_KEYS) {
    const ref = record[key] as ValueRef | undefined;
    if (ref && typeof ref === 'object') problems.push(...refProblems(item, ref, `${path}.${key}`));
  }
  if (rule.kind === 'code-part' && rule.when) problems.push(...refProblems(item, rule.when.ref, `${path}.when.ref`));
  // Materials named by a value reference were reported above.
  const viaRefs = new Set(REF_KEYS.map((k) => (record[k] as { material?: string } | undefined)?.material));
  if (rule.kind === 'code-part' && rule.when?.ref.source === 'material') viaRefs.add(rule.when.ref.material);
  for (const id of ruleMaterials(rule)) {
    if (!viaRefs.has(id) && !item.materials.some((m) => m.id === id)) {
      problems.push({ path: `${path}.material`, message: `规则引用了不存在的材料“${id}”` });
    }
  }
  if (rule.kind === 'tolerance-allowed' && rule.commitmentMaterial) {
    const m = item.materials.find((x) => x.id === rule.commitmentMaterial);
    if (!m)
      problems.push({ path: `${path}.commitmentMaterial`, message: `承诺书材料“${rule.commitmentMaterial}”不存在` });
    else if (m.kind !== 'signature')
      problems.push({ path: `${path}.commitmentMaterial`, message: `承诺书材料“${m.name}”应为签名类材料` });
  }
  if (rule.kind === 'code-part' && !rule.values && !rule.equals) {
    problems.push({ path, message: '证号分段检查至少要有“允许的值”（values）或“应一致的值”（equals）' });
  }
  if (
    rule.kind === 'age-range' &&
    rule.minAge !== undefined &&
    rule.maxAge !== undefined &&
    rule.minAge > rule.maxAge
  ) {
    problems.push({ path: `${path}.minAge`, message: '最小年龄不能大于最大年龄' });
  }
  if (rule.local && !rule.source) {
    problems.push({ path: `${path}.source`, message: '本地规定的规则须写明依据（文件名称和文号）' });
  }
  return problems;
}

function duplicates(values: string[], path: string, what: string): ItemProblem[] {
  const seen = new Set<string>();
  const problems: ItemProblem[] = [];
  values.forEach((v, i) => {
    if (seen.has(v)) problems.push({ path: `${path}.${i}`, message: `${what}“${v}”重复` });
    seen.add(v);
  });
  return problems;
}

/** Problems the schema cannot see: references between parts of one valid item. */
export function itemReferenceProblems(item: ServiceItem): ItemProblem[] {
  const problems: ItemProblem[] = [
    ...duplicates(
      item.fields.map((f) => f.key),
      'fields',
      '表单字段',
    ),
    ...duplicates(
      item.materials.map((m) => m.id),
      'materials',
      '材料编号',
    ),
  ];
  item.rules.forEach((rule, i) => problems.push(...ruleProblems(item, rule, i)));
  problems.push(...alternativeProblems(item));
  item.materials.forEach((m, i) => {
    if (m.pagesMin > m.pagesMax)
      problems.push({ path: `materials.${i}.pagesMin`, message: '最少页数不能大于最多页数' });
    if (m.signers === 'household-adults' && m.kind !== 'signature')
      problems.push({ path: `materials.${i}.signers`, message: '只有签名类材料（signature）可以要求家庭成员逐一签名' });
    if (m.householdPages && m.kind !== 'document-photo')
      problems.push({
        path: `materials.${i}.householdPages`,
        message: '只有拍照类材料（document-photo）可以按家庭人数核对页数',
      });
  });
  if (item.promisedLimitDays > item.legalLimitDays) {
    problems.push({ path: 'promisedLimitDays', message: '承诺时限不能长于法定时限' });
  }
  const tolerable = item.materials.some((m) => m.requirement === 'tolerable');
  if (item.toleranceAllowed && tolerable && !item.rules.some((r) => r.kind === 'tolerance-allowed')) {
    problems.push({ path: 'rules', message: '事项允许容缺，但没有“容缺受理”规则（tolerance-allowed）' });
  }
  return problems;
}

/** Schema + references; `value` is the parsed JSON the admin typed. */
export function checkItem(value: unknown): ItemCheck {
  const parsed = ServiceItem.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: schemaMessage(i) })),
    };
  }
  const problems = itemReferenceProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, item: parsed.data, problems: [] };
}

/** Parses the editor's text first, so a missing comma is one clear message. */
export function checkItemText(text: string): ItemCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '', message: `JSON 格式有误：${(e as Error).message}` }] };
  }
  return checkItem(value);
}

function schemaMessage(issue: { code: string; message: string; path: PropertyKey[] }): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.includes('received undefined') ? '缺少必填项' : `类型不对（${issue.message}）`;
    case 'invalid_value':
    case 'invalid_enum_value':
    case 'invalid_union_discriminator':
    case 'invalid_union':
      return `取值不在允许范围内（${issue.message}）`;
    case 'too_small':
      return `太小或太短（${issue.message}）`;
    case 'too_big':
      return `太大或太长（${issue.message}）`;
    case 'invalid_string':
    case 'invalid_format':
      return `格式不对（${issue.message}）`;
    default:
      return `不符合要求（${issue.message}）`;
  }
}
