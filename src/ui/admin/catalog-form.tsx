// The settings a county admin changes most — name, time limits, presence, tolerance, each
// material's requirement and standard, rule parameters with their source and local flag — as a form over the item's JSON: every
// change goes into the text, so the checks, the diff and the preview follow as they do for typing.
import type { JSX } from 'preact';
import type {
  BackdropColour,
  MaterialAlternative,
  MaterialRequirement,
  Rule,
  ServiceItem,
} from '../../domain/schemas/catalog';
import { wantedName } from '../../domain/rules/kinds/photo-backdrop';
import type { CatalogEditorState } from '../../state/admin/catalog';
import { Button } from '../components/button';

type Path = readonly (string | number)[];

const REQUIREMENTS = { required: '必须提交', optional: '可选', tolerable: '可容缺（先受理后补交）' } as const;
const SEVERITIES = { '': '按规则默认', error: '错误（不能提交）', warning: '提醒', info: '说明' } as const;
const PHOTO_SUBJECTS = {
  document: '文件、证件',
  portrait: '人像（证件照、现场人像）',
  scene: '场景（房屋、受灾现场）',
} as const;
const RULE_NAMES: Partial<Record<Rule['kind'], string>> = {
  'age-range': '年龄条件',
  'photo-quality': '照片质量',
  'field-format': '格式检查',
  required: '必填检查',
  equals: '一致性检查',
  'not-expired': '有效期检查',
  'page-count': '页数检查',
  'signature-present': '签名检查',
  'field-not-in': '排除条件',
  'at-most': '不得超过',
  'tolerance-allowed': '容缺条件',
  'date-window': '期限条件',
  'code-part': '证号分段检查',
};
const LIMIT_UNITS = { 'working-days': '工作日', 'calendar-days': '自然日' } as const;
const SPAN_UNITS = { days: '日', months: '个月', years: '年' } as const;

const whole = (raw: string): number | undefined => (raw.trim() === '' ? undefined : Math.trunc(Number(raw)));

function NumberInput(props: {
  s: CatalogEditorState;
  path: Path;
  label: string;
  value: number | undefined;
  min?: number;
}) {
  const id = `cf-${props.path.join('-')}`;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <input
        id={id}
        class="field__input"
        type="number"
        inputMode="numeric"
        min={props.min ?? 0}
        value={props.value ?? ''}
        onChange={(e) => props.s.edit(props.path, whole(e.currentTarget.value))}
      />
    </div>
  );
}

function TextInput(props: { s: CatalogEditorState; path: Path; label: string; value: string | undefined }) {
  const id = `cf-${props.path.join('-')}`;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <input
        id={id}
        class="field__input"
        value={props.value ?? ''}
        onChange={(e) => props.s.edit(props.path, e.currentTarget.value.trim() || undefined)}
      />
    </div>
  );
}

/** A list of short values (e.g. allowed grades 1, 2), typed with commas or 、 between them. */
function ListInput(props: { s: CatalogEditorState; path: Path; label: string; value: readonly string[] | undefined }) {
  const id = `cf-${props.path.join('-')}`;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <input
        id={id}
        class="field__input"
        value={props.value?.join('，') ?? ''}
        onChange={(e) => {
          const list = e.currentTarget.value.split(/[,，、\s]+/u).filter((v) => v !== '');
          props.s.edit(props.path, list.length > 0 ? list : undefined);
        }}
      />
    </div>
  );
}

function Check(props: { s: CatalogEditorState; path: Path; label: string; checked: boolean }) {
  return (
    <label class="catalog-form__check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.s.edit(props.path, e.currentTarget.checked)}
      />
      {props.label}
    </label>
  );
}

function Select<K extends string>(props: {
  s: CatalogEditorState;
  path: Path;
  label: string;
  value: K | undefined;
  options: Record<K, string>;
}): JSX.Element {
  const id = `cf-${props.path.join('-')}`;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <select
        id={id}
        value={props.value ?? ''}
        onChange={(e) => props.s.edit(props.path, e.currentTarget.value || undefined)}
      >
        {(Object.entries(props.options) as [K, string][]).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A portrait's background as the standards word it; stored as the list of colours it admits
 *  (keys: that list sorted). */
const BACKGROUNDS: Record<string, string> = {
  '': '不检查背景',
  white: '白色背景',
  'blue,white': '白色或蓝色背景',
  light: '白色或浅色背景',
  blue: '蓝色背景',
  red: '红色背景',
  any: '背景单一即可（颜色不限）',
};

function BackgroundSelect(props: { s: CatalogEditorState; path: Path; value: readonly string[] | undefined }) {
  const id = `cf-${props.path.join('-')}`;
  const key = [...(props.value ?? [])].sort().join(',');
  return (
    <div class="field">
      <label class="field__label" for={id}>
        背景要求（证件照）
      </label>
      <select
        id={id}
        value={key}
        onChange={(e) => props.s.edit(props.path, e.currentTarget.value ? e.currentTarget.value.split(',') : undefined)}
      >
        {Object.entries(BACKGROUNDS).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
        {/* A list the presets do not cover (imported, or typed in the text) is shown as it is. */}
        {!(key in BACKGROUNDS) && <option value={key}>其他：{wantedName(key.split(',') as BackdropColour[])}</option>}
      </select>
    </div>
  );
}

function RuleParams({ s, rule, i }: { s: CatalogEditorState; rule: Rule; i: number }) {
  const at = (...rest: (string | number)[]) => ['rules', i, ...rest];
  return (
    <fieldset class="catalog-form__group">
      <legend>
        {RULE_NAMES[rule.kind] ?? rule.kind}
        {'material' in rule ? `：${rule.material}` : ''}
      </legend>
      {rule.kind === 'age-range' && (
        <div class="row">
          <NumberInput s={s} path={at('minAge')} label="最小年龄（周岁）" value={rule.minAge} />
          <NumberInput s={s} path={at('maxAge')} label="最大年龄（周岁）" value={rule.maxAge} min={1} />
        </div>
      )}
      {rule.kind === 'date-window' && (
        <div class="row">
          <NumberInput s={s} path={at('within', 'amount')} label="期限" value={rule.within.amount} min={1} />
          <Select s={s} path={at('within', 'unit')} label="期限单位" value={rule.within.unit} options={SPAN_UNITS} />
        </div>
      )}
      {rule.kind === 'photo-quality' && (
        <div class="row">
          <NumberInput
            s={s}
            path={at('thresholds', 'minLongEdge')}
            label="长边至少（像素）"
            value={rule.thresholds?.minLongEdge}
            min={1}
          />
          <NumberInput
            s={s}
            path={at('thresholds', 'minSharpness')}
            label="清晰度低于此值提醒"
            value={rule.thresholds?.minSharpness}
          />
          <NumberInput
            s={s}
            path={at('thresholds', 'hardMinSharpness')}
            label="清晰度低于此值不能提交"
            value={rule.thresholds?.hardMinSharpness}
          />
          <Select
            s={s}
            path={at('thresholds', 'subject')}
            label="照片内容（决定拍摄建议）"
            value={rule.thresholds?.subject}
            options={PHOTO_SUBJECTS}
          />
          <BackgroundSelect s={s} path={at('thresholds', 'background')} value={rule.thresholds?.background} />
          <Check
            s={s}
            path={at('thresholds', 'colour')}
            label="须为彩色照片（黑白照片不能提交）"
            checked={rule.thresholds?.colour === true}
          />
        </div>
      )}
      {rule.kind === 'code-part' && rule.values && (
        <ListInput s={s} path={at('values')} label="允许的值（用逗号分隔，如残疾等级 1，2）" value={rule.values} />
      )}
      <Select s={s} path={at('severity')} label="不满足时" value={rule.severity ?? ''} options={SEVERITIES} />
      <Check s={s} path={at('local')} label="本地规定（非国家法律法规，县里可调整）" checked={rule.local === true} />
      <TextInput s={s} path={at('source')} label="依据（文件名称、文号和条款）" value={rule.source} />
    </fieldset>
  );
}

function MaterialRow({ s, m, i }: { s: CatalogEditorState; m: MaterialRequirement; i: number }) {
  return (
    <fieldset class="catalog-form__group">
      <legend>材料 {i + 1}</legend>
      <TextInput s={s} path={['materials', i, 'name']} label="材料名称" value={m.name} />
      <Select
        s={s}
        path={['materials', i, 'requirement']}
        label="提交要求"
        value={m.requirement}
        options={REQUIREMENTS}
      />
      <TextInput s={s} path={['materials', i, 'standard']} label="标准（写在一次性告知单上）" value={m.standard} />
    </fieldset>
  );
}

/** 以下之一: the choice's wording, each group's label and materials (ticked), add and remove. */
function AlternativeRow({
  s,
  item,
  a,
  i,
}: {
  s: CatalogEditorState;
  item: ServiceItem;
  a: MaterialAlternative;
  i: number;
}) {
  const at = (...rest: (string | number)[]) => ['alternatives', i, ...rest];
  const toggle = (j: number, id: string, on: boolean) => {
    const current = a.groups[j]?.materials ?? [];
    const next = on ? [...current, id] : current.filter((x) => x !== id);
    // Kept in checklist order, so the printed notice reads as the checklist does.
    s.edit(
      at('groups', j, 'materials'),
      item.materials.map((m) => m.id).filter((x) => next.includes(x)),
    );
  };
  return (
    <fieldset class="catalog-form__group" data-alternative={a.id}>
      <legend>以下之一：{a.label}</legend>
      <TextInput s={s} path={at('label')} label="选择的名称（如“身份证明”）" value={a.label} />
      {a.groups.map((g, j) => (
        <fieldset key={j} class="catalog-form__group">
          <legend>{j === 0 ? `第 ${j + 1} 种` : `或 第 ${j + 1} 种`}</legend>
          <TextInput s={s} path={at('groups', j, 'label')} label="这一种的说法（印在告知单上）" value={g.label} />
          <div role="group" aria-label={`第 ${j + 1} 种包含的材料`}>
            {item.materials.map((m) => (
              <label key={m.id} class="catalog-form__check">
                <input
                  type="checkbox"
                  checked={g.materials.includes(m.id)}
                  onChange={(e) => toggle(j, m.id, e.currentTarget.checked)}
                />
                {m.name}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        class="btn"
        onClick={() =>
          s.edit(
            ['alternatives'],
            item.alternatives.filter((_, k) => k !== i),
          )
        }
      >
        删除这个“以下之一”
      </button>
    </fieldset>
  );
}

function addAlternative(s: CatalogEditorState, item: ServiceItem) {
  const [first, second] = item.materials;
  if (!first || !second) return;
  const taken = new Set(item.alternatives.map((a) => a.id));
  let n = item.alternatives.length + 1;
  while (taken.has(`choice-${n}`)) n++;
  s.edit(
    ['alternatives'],
    [
      ...item.alternatives,
      {
        id: `choice-${n}`,
        label: '身份证明',
        groups: [
          { label: first.name, materials: [first.id] },
          { label: second.name, materials: [second.id] },
        ],
      },
    ],
  );
}

/** The form shows once the text is a valid item; while it is not, the text is the editor. */
export function CatalogForm({ s }: { s: CatalogEditorState }) {
  const c = s.check.value;
  if (!c.ok) return <p class="muted">改正 JSON 中的问题后，可在这里用表格修改常用设置。</p>;
  const item: ServiceItem = c.item;
  const unit = LIMIT_UNITS[item.limitUnit];
  return (
    <div class="stack catalog-form" data-testid="catalog-form">
      <TextInput s={s} path={['name']} label="事项名称" value={item.name} />
      <div class="row">
        <NumberInput s={s} path={['legalLimitDays']} label={`法定时限（${unit}）`} value={item.legalLimitDays} />
        <NumberInput s={s} path={['promisedLimitDays']} label={`承诺时限（${unit}）`} value={item.promisedLimitDays} />
        <Select s={s} path={['limitUnit']} label="时限单位" value={item.limitUnit} options={LIMIT_UNITS} />
      </div>
      <Check s={s} path={['requiresPresence']} label="申请人须本人到场" checked={item.requiresPresence} />
      {item.requiresPresence && <TextInput s={s} path={['presenceNote']} label="到场说明" value={item.presenceNote} />}
      <Check s={s} path={['toleranceAllowed']} label="允许容缺受理" checked={item.toleranceAllowed} />
      {item.toleranceAllowed && (
        <NumberInput
          s={s}
          path={['maxToleranceDays']}
          label="容缺补交最长（工作日，≤ 20）"
          value={item.maxToleranceDays}
          min={1}
        />
      )}
      <h3>材料清单</h3>
      {item.materials.map((m, i) => (
        <MaterialRow key={m.id} s={s} m={m} i={i} />
      ))}
      <h3>以下之一（或）</h3>
      <p class="muted">几组材料任交一组即可时（如身份证或户口簿），在这里设置；每种材料只能属于一组。</p>
      {item.alternatives.map((a, i) => (
        <AlternativeRow key={a.id} s={s} item={item} a={a} i={i} />
      ))}
      {item.materials.length >= 2 && <Button onClick={() => addAlternative(s, item)}>添加“以下之一”</Button>}
      <h3>预审规则</h3>
      {item.rules.map((r, i) => (
        <RuleParams key={i} s={s} rule={r} i={i} />
      ))}
    </div>
  );
}
