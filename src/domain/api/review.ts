// The reviewer workspace (township scope; an admin reads the whole county):
//   GET  /api/review/cases                 work queue with filters and counts
//   GET  /api/review/cases/:id             one case with everything needed to decide
//   POST /api/review/cases/:id/open        submitted|resubmitted → in_review (idempotent)
//   POST /api/review/cases/:id/decisions   a Decision (idempotent by its id)
import { z } from 'zod';
import { AuditEvent } from '../schemas/audit';
import { ServiceItem } from '../schemas/catalog';
import { IsoDate, Timestamp, Uuid } from '../schemas/common';
import { Case, CaseStatus, Material } from '../schemas/case';
import { Decision, DecisionKind, Rating, Rectification } from '../schemas/decision';
import { Person } from '../schemas/person';
import { DeadlineStatus, Finding, Report, ToleranceWindow } from './shapes';
import { route } from './route-spec';

export const CaseIdParams = z.object({ id: Uuid });

const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

export const ReviewListQuery = z.object({
  /** One status or several, comma-separated. */
  status: z
    .string()
    .max(300)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const bad = parts.filter((p) => !CaseStatus.safeParse(p).success);
      if (bad.length) ctx.addIssue({ code: 'custom', message: `未知的办件状态：${bad.join('、')}` });
      return parts as CaseStatus[];
    }),
  village: z
    .string()
    .regex(/^\d{12}$/, '村代码应为 12 位数字')
    .optional(),
  item: z
    .string()
    .regex(/^[A-Z0-9-]{3,40}$/, '事项编码格式不正确')
    .optional(),
  overdue: flag.optional(),
  tolerancePending: flag.optional(),
  limit: z.coerce.number().int().min(1, 'limit 至少为 1').max(200, 'limit 最多为 200').default(50),
  offset: z.coerce.number().int().nonnegative('offset 不能为负').default(0),
  /** Keyset paging: the `next` of the page before (cheaper than a deep offset). */
  after: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}|9999-99-99)\|\d{16}\|[0-9a-f-]{36}$/, '翻页标记格式不正确')
    .optional(),
});
export type ReviewListQuery = z.output<typeof ReviewListQuery>;

/** 行政许可法 §32: five working days from receipt to accept, refuse or return (src/domain/review). */
export const AcceptanceWindow = z.object({
  receivedOn: IsoDate,
  decideBy: IsoDate,
  /** Working days left (0 on the last day); negative = overdue by that many. */
  remaining: z.number().int(),
  /** Past the window: by law the application counts as accepted from receipt. */
  overdue: z.boolean(),
});

/** When a returned case that never came back may be closed (DAIBAN_RETURN_CLOSE_DAYS). */
export const ReturnCloseWindow = z.object({ returnedOn: IsoDate, closableFrom: IsoDate, closable: z.boolean() });

export const ReviewCaseSummary = z.object({
  id: Uuid,
  number: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  applicantName: z.string(),
  status: CaseStatus,
  version: z.number().int(),
  revision: z.number().int(),
  submittedAt: Timestamp.nullable(),
  acceptedOn: IsoDate.nullable(),
  dueOn: IsoDate.nullable(),
  deadline: DeadlineStatus.nullable(),
  /** Tolerated materials not yet supplied. */
  tolerancePending: z.number().int(),
  /** While the township has not answered yet (submitted, resubmitted, in review), else null. */
  acceptanceWindow: AcceptanceWindow.nullable(),
});
export type ReviewCaseSummary = z.infer<typeof ReviewCaseSummary>;

const Counts = z.record(z.string(), z.number().int());

export const ReviewCaseList = z.object({
  today: IsoDate,
  cases: z.array(ReviewCaseSummary),
  /** Cases matching the filters (for paging). */
  total: z.number().int(),
  /** Pass as `after` for the page that follows; null when this page is not full (the last). */
  next: z.string().nullable(),
  counts: z.object({
    total: z.number().int(),
    awaitingReview: z.number().int(),
    overdue: z.number().int(),
    tolerancePending: z.number().int(),
    byStatus: Counts,
    byVillage: Counts,
    byItem: Counts,
  }),
});
export type ReviewCaseList = z.infer<typeof ReviewCaseList>;

export const ReviewRevision = z.object({
  revision: z.number().int(),
  submittedAt: Timestamp,
  fields: z.record(z.string(), z.string()),
  acknowledged: z.array(z.string()),
  materials: z.array(Material),
});
export type ReviewRevision = z.infer<typeof ReviewRevision>;

/** An event of the case timeline, with the server's time of writing it beside the device's `at`. */
export const RecordedAuditEvent = AuditEvent.extend({ serverAt: Timestamp.optional() });
export type RecordedAuditEvent = z.infer<typeof RecordedAuditEvent>;

/** Whether the case's hash-chained audit trail verifies; else the first broken link. */
export const AuditCheck = z.object({
  ok: z.boolean(),
  problem: z.enum(['edited', 'deleted', 'reordered']).optional(),
  /** The event where the chain stops verifying (absent when its newest events are missing). */
  eventId: z.string().optional(),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

export const ReviewCaseDetail = z.object({
  today: IsoDate,
  case: Case.extend({
    version: z.number().int(),
    villageName: z.string(),
    townshipName: z.string(),
    acceptedOn: IsoDate.optional(),
    dueOn: IsoDate.optional(),
  }),
  item: ServiceItem.nullable(),
  applicant: Person.nullable(),
  entruster: Person.nullable(),
  materials: z.array(Material),
  /** The rules re-run on the server today; null when the item left the catalogue. */
  report: Report.nullable(),
  /** Warnings the agent read and accepted before submitting. */
  acknowledgments: z.array(Finding),
  revisions: z.array(ReviewRevision),
  decisions: z.array(Decision.extend({ versionAfter: z.number().int() })),
  audit: z.array(RecordedAuditEvent),
  auditCheck: AuditCheck,
  rating: Rating.nullable(),
  rectifications: z.array(Rectification),
  /** Decisions the reviewer may take now (per the state machine). */
  allowedDecisions: z.array(DecisionKind),
  deadline: DeadlineStatus.nullable(),
  /** Where tolerance due dates may fall if accepted with tolerance today. */
  toleranceWindow: ToleranceWindow.nullable(),
  suspendedOn: IsoDate.nullable(),
  acceptanceWindow: AcceptanceWindow.nullable(),
  /** Only for a returned case. */
  returnWindow: ReturnCloseWindow.nullable(),
});
export type ReviewCaseDetail = z.infer<typeof ReviewCaseDetail>;

const CaseAfter = z.object({ id: Uuid, status: CaseStatus, version: z.number().int(), revision: z.number().int() });

export const OpenReviewOutcome = z.object({
  case: CaseAfter,
  /** False when the case was already in review: nothing was written. */
  opened: z.boolean(),
});
export type OpenReviewOutcome = z.infer<typeof OpenReviewOutcome>;

export const DecisionOutcome = z.object({
  decision: Decision,
  case: CaseAfter.extend({ acceptedOn: IsoDate.nullable(), dueOn: IsoDate.nullable() }),
  /** True when this decision id had already been applied: nothing changed now. */
  replayed: z.boolean(),
});
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const REVIEW_ROUTES = {
  list: route({ method: 'GET', path: '/api/review/cases', query: ReviewListQuery, response: ReviewCaseList }),
  detail: route({ method: 'GET', path: '/api/review/cases/:id', params: CaseIdParams, response: ReviewCaseDetail }),
  open: route({
    method: 'POST',
    path: '/api/review/cases/:id/open',
    params: CaseIdParams,
    response: OpenReviewOutcome,
  }),
  decide: route({
    method: 'POST',
    path: '/api/review/cases/:id/decisions',
    params: CaseIdParams,
    body: Decision,
    response: DecisionOutcome,
  }),
} as const;
