// The public progress lookup (扫码查询办理进度), for the villager's phone and for programs:
// GET /api/public/cases/:number?t=<token> answers the case's progress without any personal data
// beyond a masked name. The same answer as a small HTML page is at /q/:number?t=<token> (outside
// /api: src/server/lookup). A wrong token and an unknown number answer the same 404.
import { z } from 'zod';
import { IsoDate } from '../schemas/common';
import { CaseStatus } from '../schemas/case';
import { route } from './route-spec';

export const PublicCaseParams = z.object({ number: z.string().min(1).max(40) });
/** The token as printed; the server reads it leniently (case, dashes, I/L/O), see normalizeLookupToken. */
export const PublicCaseQuery = z.object({ t: z.string().max(64).default('') });

export const PublicCaseStatus = z.object({
  number: z.string(),
  itemName: z.string(),
  /** 张*明 */
  applicant: z.string(),
  status: CaseStatus,
  statusLabel: z.string(),
  /** What the status means, in plain words. */
  statusText: z.string(),
  submittedOn: IsoDate.nullable(),
  acceptedOn: IsoDate.nullable(),
  /** The promised deadline (the promised limit from acceptance, in its unit; 中止 moves it). */
  dueOn: IsoDate.nullable(),
  /** The item's promised limit when it counts working days (0 = 即办); null for calendar days. */
  promisedWorkingDays: z.number().int().nonnegative().nullable(),
  /** The promised limit with its unit: 即办, 20 个工作日, 30 个自然日. */
  promisedLimit: z.string().nullable(),
  /** e.g. 剩余3个工作日, while the clock runs. */
  deadlineLabel: z.string().nullable(),
  completedOn: IsoDate.nullable(),
  /** Materials still owed: tolerance items not yet supplied, with their due date. */
  stillNeeded: z.array(z.object({ name: z.string(), dueBy: IsoDate.nullable() })),
  /** Why the case came back (while returned): what, and the reason in plain words. */
  returnReasons: z.array(z.object({ what: z.string(), reason: z.string() })),
  /** The day of the last change. */
  updatedOn: IsoDate,
});
export type PublicCaseStatus = z.infer<typeof PublicCaseStatus>;

export const PublicLookupBase = z.object({
  /** The address villagers' phones reach this server at (DAIBAN_PUBLIC_URL); null = the tablet's own origin. */
  baseUrl: z.string().nullable(),
});
export type PublicLookupBase = z.infer<typeof PublicLookupBase>;

export const LOOKUP_ROUTES = {
  status: route({
    method: 'GET',
    path: '/api/public/cases/:number',
    params: PublicCaseParams,
    query: PublicCaseQuery,
    response: PublicCaseStatus,
    public: true,
  }),
  base: route({ method: 'GET', path: '/api/public/lookup-base', response: PublicLookupBase, public: true }),
} as const;
