// The service catalogue (事项清单) as data. A service item's checklist and rules are validated here,
// so adding an item never needs code — see README "Adding a service item".
import { z } from 'zod';

export const MaterialKind = z.enum([
  'document-photo', // a photo of a paper document (ID card, 户口簿, certificate…)
  'signature', // signed on screen (委托书, 承诺书, 申请书 signature)
  'e-licence', // a reference to an electronic licence (电子证照), no photo needed
  'data', // data only: typed fields, nothing captured
]);
export type MaterialKind = z.infer<typeof MaterialKind>;

export const Handling = z.enum([
  'original-kept', // 收原件
  'original-checked-copy-kept', // 验原件 + 收复印件
  'electronic', // 电子材料
]);

export const Requirement = z.enum(['required', 'optional', 'tolerable']);

/** Person-profile keys a form field may be filled from: typed once, reused everywhere. */
export const PersonFieldKey = z.enum([
  'name',
  'sex',
  'idNumber',
  'birthDate',
  'ethnicity',
  'phone',
  'address',
  'divisionCode',
  'idCardIssuedOn',
  'idCardValidUntil',
  'bankCard',
  'bankName',
]);
export type PersonFieldKey = z.infer<typeof PersonFieldKey>;

export const FieldType = z.enum([
  'text',
  'textarea',
  'name',
  'id-number',
  'phone',
  'date',
  'division-code',
  'bank-card',
  'uscc',
  'business-name',
  'disability-card',
  'number',
  'select',
]);
export type FieldType = z.infer<typeof FieldType>;

export const FormField = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  type: FieldType,
  required: z.boolean().default(false),
  /** Filled from the applicant's profile when the case opens. */
  fromProfile: PersonFieldKey.optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  maxLength: z.number().int().positive().optional(),
  hint: z.string().optional(),
});
export type FormField = z.infer<typeof FormField>;

/** The background colours a portrait standard names: 白色, 白色或浅色 ('light': white or any
 *  light tint), 蓝色, 红色, or 'any' (背景单一: one plain colour, whichever). */
export const BackdropColour = z.enum(['white', 'light', 'blue', 'red', 'any']);
export type BackdropColour = z.infer<typeof BackdropColour>;

/** Photo-quality thresholds; metrics come from the image worker (see QualityMetrics). */
export const PhotoThresholds = z.object({
  minLongEdge: z.number().int().positive().default(1000),
  minShortEdge: z.number().int().positive().optional(),
  /** Variance of the Laplacian on the ≤ 1 MP grey copy; below = looks blurred (a warning). */
  minSharpness: z.number().nonnegative().default(60),
  /** Below this the text is unreadable (an error); calibrated in tests/e2e/photo-calibration.spec.ts. */
  hardMinSharpness: z.number().nonnegative().default(40),
  /** Camera shake: the weakest direction's detail over the strongest's; below = smeared (an error). */
  minIsotropy: z.number().min(0).max(1).default(0.1),
  /** Mean grey level 0–255. */
  minMean: z.number().min(0).max(255).default(60),
  maxMean: z.number().min(0).max(255).default(225),
  /** Share of pixels at 0–4 or 251–255 (a glare spot over 12 % of a document hides text: calibration spec). */
  maxClipped: z.number().min(0).max(1).default(0.12),
  /** What the photo shows, for the advice: a paper's text (字迹, 对准文件), a face (面部), or a
   *  place (a house, a damaged field: 画面). */
  subject: z.enum(['document', 'portrait', 'scene']).default('document'),
  /** A colour photo is required (彩色照片): a black-and-white one is returned. */
  colour: z.boolean().optional(),
  /** A portrait's background: plain, in one of these colours. */
  background: z.array(BackdropColour).min(1).optional(),
});
export type PhotoThresholds = z.infer<typeof PhotoThresholds>;

export const MaterialRequirement = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  kind: MaterialKind,
  handling: Handling,
  requirement: Requirement,
  pagesMin: z.number().int().nonnegative().default(1),
  pagesMax: z.number().int().positive().default(1),
  copies: z.number().int().nonnegative().default(1),
  /** The standard it must meet, in Chinese, shown on the checklist and the one-time notice. */
  standard: z.string().optional(),
  /** Reused from the person profile while valid (ID card photos). */
  profilePhoto: z.enum(['id-card-front', 'id-card-back']).optional(),
  /** Data typed from the document, checked against the profile by `equals` rules. */
  dataFields: z.array(FormField).default([]),
  /** Who must sign a signature material: the applicant (absent = applicant), or the applicant and
   *  every adult of the household (e.g. 低保's 家庭经济状况核查授权书). */
  signers: z.enum(['applicant', 'household-adults']).optional(),
  /** A 户口簿 of the whole household: its 首页 plus one 常住人口登记卡 page per member, compared
   *  with the applicant's household (a warning when pages are fewer). */
  householdPages: z.boolean().optional(),
});
export type MaterialRequirement = z.infer<typeof MaterialRequirement>;

/** One way of meeting an alternative: these materials together (their own `requirement` still applies inside). */
export const MaterialGroup = z.object({
  /** Chinese, as the villager would say it: '居民身份证', '户口簿（新生儿另附出生医学证明）'. */
  label: z.string().min(1),
  materials: z.array(z.string()).min(1),
});
export type MaterialGroup = z.infer<typeof MaterialGroup>;

/**
 * 或: "one of these groups of materials" (ID card or 户口簿). A group is complete when every
 * non-optional material in it is captured (or tolerated) and at least one is; then the other
 * groups' absent materials are not needed and rules about them do not run. No group complete:
 * one finding names the choice. A material belongs to at most one group of one alternative.
 */
export const MaterialAlternative = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** What the choice is about: '身份证明'. */
  label: z.string().min(1),
  groups: z.array(MaterialGroup).min(2),
});
export type MaterialAlternative = z.infer<typeof MaterialAlternative>;

/** Where a rule reads a value: a form field, the applicant profile, or a material's typed data. */
export const ValueRef = z.discriminatedUnion('source', [
  z.object({ source: z.literal('field'), key: z.string() }),
  z.object({ source: z.literal('person'), key: PersonFieldKey }),
  z.object({ source: z.literal('material'), material: z.string(), key: z.string() }),
]);
export type ValueRef = z.infer<typeof ValueRef>;

export const FieldFormat = z.enum([
  'id-number',
  'mobile',
  'uscc',
  'division-code-6',
  'division-code-12',
  'bank-card',
  'person-name',
  'business-name',
  'business-scope',
  'date',
  'disability-card',
]);
export type FieldFormat = z.infer<typeof FieldFormat>;

/** A part of a structured number that a `code-part` rule reads (see rules/code-parts.ts). */
export const CodePart = z.enum(['disability-id-number', 'disability-category', 'disability-grade']);
export type CodePart = z.infer<typeof CodePart>;

const ruleBase = {
  /** Overrides the kind's default severity (e.g. make a soft check a warning). */
  severity: z.enum(['error', 'warning', 'info']).optional(),
  /** Overrides the kind's default Chinese message. */
  message: z.string().optional(),
  /** Where the rule's parameters come from (a document and article, in Chinese: 国发〔2014〕8号 第三条…), shown to reviewers and admins. */
  source: z.string().trim().min(1).optional(),
  /** The parameter is local policy (an amount, age cap or deadline a county sets), not national law. */
  local: z.boolean().optional(),
};

/** A span of calendar time; months and years end on the same day of the month (民法典 §201–203). */
export const CalendarSpan = z.object({
  amount: z.number().int().positive(),
  unit: z.enum(['days', 'months', 'years']),
});
export type CalendarSpan = z.infer<typeof CalendarSpan>;

/** How an item's time limits count: working days (行政许可法 §82) unless a law names calendar days. */
export const LimitUnit = z.enum(['working-days', 'calendar-days']);
export type LimitUnit = z.infer<typeof LimitUnit>;

export const Rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field-format'), ref: ValueRef, format: FieldFormat, ...ruleBase }),
  z.object({ kind: z.literal('required'), ref: ValueRef, ...ruleBase }),
  z.object({ kind: z.literal('equals'), left: ValueRef, right: ValueRef, ...ruleBase }),
  z.object({
    kind: z.literal('age-range'),
    minAge: z.number().int().nonnegative().optional(),
    maxAge: z.number().int().positive().optional(),
    /** Age at this field's date; by default, at `today`. */
    at: ValueRef.optional(),
    ...ruleBase,
  }),
  /** A date (or the applicant's ID card validity) must not be before today. */
  z.object({ kind: z.literal('not-expired'), ref: ValueRef, ...ruleBase }),
  z.object({
    kind: z.literal('photo-quality'),
    material: z.string(),
    thresholds: PhotoThresholds.default(PhotoThresholds.parse({})),
    ...ruleBase,
  }),
  z.object({ kind: z.literal('page-count'), material: z.string(), ...ruleBase }),
  z.object({ kind: z.literal('signature-present'), material: z.string(), ...ruleBase }),
  /** A field's value must not be one of these (e.g. already in employee insurance). */
  z.object({ kind: z.literal('field-not-in'), ref: ValueRef, values: z.array(z.string()).min(1), ...ruleBase }),
  /**
   * A date (`ref`, or `fallback` when it is empty) must lie at most `within` before `until`
   * (default: today, the day the case is prepared) — claim and registration deadlines.
   */
  z.object({
    kind: z.literal('date-window'),
    ref: ValueRef,
    fallback: ValueRef.optional(),
    until: ValueRef.optional(),
    within: CalendarSpan,
    /** What the agent should do when it is late (appended to the computed message). */
    lateAdvice: z.string().optional(),
    ...ruleBase,
  }),
  /**
   * A part of a number (e.g. the grade in a 残疾人证号) must be one of `values` and/or equal the value at
   * `equals`; with `when`, only while that value is one of its `values` (e.g. 申请护理补贴).
   */
  z.object({
    kind: z.literal('code-part'),
    ref: ValueRef,
    part: CodePart,
    values: z.array(z.string()).min(1).optional(),
    equals: ValueRef.optional(),
    when: z.object({ ref: ValueRef, values: z.array(z.string()).min(1) }).optional(),
    ...ruleBase,
  }),
  /** A number must not exceed another (申报面积 ≤ 证上面积); both may be read from forms or materials. */
  z.object({ kind: z.literal('at-most'), ref: ValueRef, max: ValueRef, ...ruleBase }),
  /** Tolerated materials: item allows it, the material is tolerable, a promise date within limits, a signed commitment. */
  z.object({ kind: z.literal('tolerance-allowed'), commitmentMaterial: z.string().optional(), ...ruleBase }),
]);
export type Rule = z.infer<typeof Rule>;
export type RuleKind = Rule['kind'];
export const RULE_KINDS = Rule.options.map((o) => o.shape.kind.value) as RuleKind[];

export const ServiceItem = z.object({
  code: z.string().regex(/^[A-Z0-9-]{3,40}$/),
  /** Bumped on every change; a case records the version it was prepared against. */
  version: z.number().int().positive(),
  name: z.string().min(2),
  category: z.string().min(1),
  agency: z.string().min(1),
  /** In `limitUnit`; 0 = on the spot (即办). */
  legalLimitDays: z.number().int().nonnegative(),
  promisedLimitDays: z.number().int().nonnegative(),
  /** The unit of both limits: working days unless the law names calendar days (居民身份证法 §12: 60日). */
  limitUnit: LimitUnit.default('working-days'),
  requiresPresence: z.boolean(),
  presenceNote: z.string().optional(),
  toleranceAllowed: z.boolean(),
  /** Latest tolerance due date in working days after acceptance (容缺 ≤ 20 wd; ≥ 2 wd before the promised limit). */
  maxToleranceDays: z.number().int().positive().max(20).default(20),
  fields: z.array(FormField),
  materials: z.array(MaterialRequirement).min(1),
  /** Choices between groups of materials (或); none by default, so stored catalogues still parse. */
  alternatives: z.array(MaterialAlternative).default([]),
  rules: z.array(Rule),
  commonReturns: z.array(z.string()).default([]),
  keywords: z.array(z.string()).default([]),
  /** The national or provincial documents the item rests on (e.g. 《特困人员认定办法》民发〔2021〕43号). */
  source: z.string().optional(),
  /** 停用: no new cases on this version; cases opened on an earlier version go on unchanged. */
  withdrawn: z.boolean().optional(),
});
export type ServiceItem = z.infer<typeof ServiceItem>;
export type ServiceItemInput = z.input<typeof ServiceItem>;
