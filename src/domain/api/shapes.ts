// Wire schemas of what the domain computes (rules reports, deadlines, tolerance windows,
// statistics). The domain keeps its plain types; each schema here is proved equal to its type
// at compile time, so a change on one side without the other does not build.
import { z } from 'zod';
import type { DeadlineStatus as DeadlineStatusType } from '../calendar';
import type { ToleranceWindow as ToleranceWindowType } from '../review/tolerance-window';
import type { Finding as FindingType, Report as ReportType } from '../rules/types';
import { RULE_KINDS, type RuleKind } from '../schemas/catalog';
import { IsoDate } from '../schemas/common';
import { ReasonCode } from '../schemas/decision';
import type { StatsReport as StatsReportType } from '../stats/report';
import { sameType } from './same-type';

export const Severity = z.enum(['error', 'warning', 'info']);

export const FindingTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('field'), key: z.string() }),
  z.object({
    type: z.literal('material'),
    id: z.string(),
    page: z.number().int().optional(),
    field: z.string().optional(),
  }),
  z.object({ type: z.literal('case'), ref: z.string().optional() }),
]);

export const Finding = z.object({
  key: z.string(),
  code: z.string(),
  severity: Severity,
  message: z.string(),
  target: FindingTarget,
  rule: z.union([z.enum(RULE_KINDS as [RuleKind, ...RuleKind[]]), z.literal('material-missing')]),
});

export const MaterialState = z.object({
  status: z.enum(['missing', 'captured', 'passes', 'warnings', 'errors', 'tolerated', 'not-needed']),
  findings: z.array(Finding),
});

export const Report = z.object({
  findings: z.array(Finding),
  errors: z.number().int(),
  warnings: z.number().int(),
  unacknowledged: z.array(Finding),
  canSubmit: z.boolean(),
  materials: z.record(z.string(), MaterialState),
});

export const DeadlineStatus = z.object({
  remaining: z.number().int(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  label: z.string(),
  uncoveredYears: z.array(z.number().int()),
});

export const ToleranceWindow = z.object({
  caseDueOn: IsoDate,
  earliest: IsoDate,
  latest: IsoDate,
  possible: z.boolean(),
});

/** rate is null when total is 0: nothing to divide, shown as 暂无数据, never 0%. */
const Share = z.object({ count: z.number().int(), total: z.number().int(), rate: z.number().nullable() });
const WeekTrend = z.object({
  weekStart: IsoDate,
  weekEnd: IsoDate,
  submitted: z.number().int(),
  returned: z.number().int(),
  onTime: Share,
});
const KeyCount = z.object({ key: z.string(), count: z.number().int() });
const GroupReturnRate = Share.extend({ key: z.string(), reasons: z.partialRecord(ReasonCode, z.number().int()) });

export const StatsReport = z.object({
  totals: z.object({
    cases: z.number().int(),
    submitted: z.number().int(),
    completed: z.number().int(),
    ratings: z.number().int(),
  }),
  byStatus: z.array(KeyCount),
  byItem: z.array(KeyCount),
  handling: z.object({ count: z.number().int(), average: z.number(), p90: z.number() }),
  onTime: Share,
  returns: z.object({
    overall: Share,
    byReason: z.array(Share.extend({ code: ReasonCode, citations: z.number().int() })),
    byItem: z.array(GroupReturnRate),
    byVillage: z.array(GroupReturnRate),
  }),
  ratings: z.object({ byLevel: z.array(Share.extend({ level: z.number().int(), label: z.string() })), bad: Share }),
  rectifications: z.object({
    total: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    closed: z.number().int(),
    closedOnTime: Share,
  }),
  outcomes: z.object({
    refused: Share,
    terminated: z.number().int(),
    toleranceExpired: z.number().int(),
    returnClosed: z.number().int(),
    followUps: z.object({ total: z.number().int(), reached: Share, satisfied: Share }),
    archived: z.number().int(),
  }),
  weekly: z.array(WeekTrend),
});

sameType<z.infer<typeof Finding>, FindingType>(true);
sameType<z.infer<typeof Report>, ReportType>(true);
sameType<z.infer<typeof DeadlineStatus>, DeadlineStatusType>(true);
sameType<z.infer<typeof ToleranceWindow>, ToleranceWindowType>(true);
sameType<z.infer<typeof StatsReport>, StatsReportType>(true);
