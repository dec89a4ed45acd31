// The township's decisions, the villager's rating, and the rectification a bad rating opens.
import { z } from 'zod';
import { IsoDate, Timestamp, Uuid } from './common';

export const ReasonCode = z.enum([
  'blurred',
  'incomplete',
  'inconsistent-with-id',
  'expired',
  'missing-signature',
  'wrong-form-version',
  'other',
  // Added for reason chips per kind of target (issue 14): appended, so stored decisions still parse.
  'glare',
  'missing-pages',
  'not-signer',
  'wrong-number',
  'not-applicants',
  'wrong-value',
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const REASON_LABELS: Record<ReasonCode, string> = {
  blurred: '照片模糊',
  incomplete: '材料不全',
  'inconsistent-with-id': '与身份证信息不一致',
  expired: '证件已过期',
  'missing-signature': '缺少签名',
  'wrong-form-version': '表格版本不对',
  other: '其他',
  glare: '反光或太暗',
  'missing-pages': '缺页',
  'not-signer': '签名不是本人',
  'wrong-number': '号码错误',
  'not-applicants': '不是申请人本人的',
  'wrong-value': '填写有误',
};

export const ReturnReason = z
  .object({
    /** A material requirement id, or `field:<key>`. */
    target: z.string().min(1).max(60),
    code: ReasonCode,
    text: z.string().max(500).default(''),
  })
  .refine((r) => r.code !== 'other' || r.text.trim().length > 0, { message: '选择“其他”时必须写明原因' });
export type ReturnReason = z.infer<typeof ReturnReason>;

export const DecisionKind = z.enum([
  'accept',
  'return',
  'accept-with-tolerance',
  'suspend',
  'resume',
  'complete',
  'deliver',
  'terminate',
  'confirm-supplied',
  'refuse',
  'close-returned',
  /** Written by the server's job, never by a reviewer: a tolerance promise overdue past the grace period. */
  'expire-tolerance',
  'follow-up',
  'archive',
]);
export type DecisionKind = z.infer<typeof DecisionKind>;

export const Delivery = z.discriminatedUnion('method', [
  z.object({ method: z.literal('post'), trackingNumber: z.string().min(4).max(40) }),
  z.object({ method: z.literal('collect'), servicePoint: z.string().min(1).max(100) }),
]);

/** 回访: the follow-up call's outcome (distinct from the villager's 好差评 rating). */
export const FollowUp = z
  .object({
    reached: z.boolean(),
    /** Asked only when the applicant was reached. */
    satisfied: z.boolean().optional(),
    note: z.string().max(500).default(''),
  })
  .refine((f) => f.reached || f.satisfied === undefined, { message: '未联系上申请人时不能填写是否满意' })
  .refine((f) => !f.reached || f.satisfied !== undefined, { message: '联系上申请人时请选择是否满意' });
export type FollowUp = z.infer<typeof FollowUp>;

export const Decision = z.object({
  id: Uuid,
  caseId: Uuid,
  kind: DecisionKind,
  reasons: z.array(ReturnReason).max(50).default([]),
  toleranceDue: z.array(z.object({ requirementId: z.string(), dueBy: IsoDate })).default([]),
  outcome: z.string().max(500).optional(),
  delivery: Delivery.optional(),
  note: z.string().max(1000).optional(),
  /** 不予受理: the legal basis cited with the reason (e.g. 《中华人民共和国行政许可法》第三十二条第一款第二项). */
  legalBasis: z.string().max(200).optional(),
  followUp: FollowUp.optional(),
  reviewerId: z.string().max(64),
  decidedAt: Timestamp,
  /** The case revision this decision was made on. */
  revision: z.number().int().nonnegative(),
});
export type Decision = z.infer<typeof Decision>;

export const RATING_LEVELS = [
  { level: 5, label: '非常满意' },
  { level: 4, label: '满意' },
  { level: 3, label: '基本满意' },
  { level: 2, label: '不满意' },
  { level: 1, label: '非常不满意' },
] as const;

const SubRating = z.number().int().min(1).max(5);
export const Rating = z.object({
  id: Uuid,
  caseId: Uuid,
  level: z.number().int().min(1).max(5),
  sub: z.object({ efficiency: SubRating, skill: SubRating, attitude: SubRating }),
  comment: z.string().max(500).default(''),
  ratedAt: Timestamp,
});
export type Rating = z.infer<typeof Rating>;
/** 不满意 and 非常不满意 are bad ratings: they need a call-back and a fix. */
export const isBadRating = (r: Pick<Rating, 'level'>) => r.level <= 2;

export const Rectification = z.object({
  id: Uuid,
  caseId: Uuid,
  ratingId: Uuid,
  dueBy: IsoDate,
  status: z.enum(['open', 'closed']),
  callbackNote: z.string().max(1000).optional(),
  closedAt: Timestamp.optional(),
});
export type Rectification = z.infer<typeof Rectification>;
