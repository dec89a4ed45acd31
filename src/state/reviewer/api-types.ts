// Response bodies of the reviewer API (src/server/review), restated for the browser: the page
// must not import server modules. Keep in step with src/server/review/{list,detail,decide}.ts.
import type { DeadlineStatus } from '../../domain/calendar';
import type { Finding, Report } from '../../domain/rules';
import type { AuditEvent } from '../../domain/schemas/audit';
import type { ServiceItem } from '../../domain/schemas/catalog';
import type { Case, CaseStatus, Material } from '../../domain/schemas/case';
import type { Decision, DecisionKind, Rating, Rectification } from '../../domain/schemas/decision';
import type { Person } from '../../domain/schemas/person';
import type { ToleranceWindow } from './tolerance';

export interface ReviewCaseSummary {
  id: string;
  number: string;
  itemCode: string;
  itemName: string;
  villageCode: string;
  villageName: string;
  applicantName: string;
  status: CaseStatus;
  version: number;
  revision: number;
  submittedAt: number | null;
  acceptedOn: string | null;
  dueOn: string | null;
  deadline: DeadlineStatus | null;
  tolerancePending: number;
}

export interface ReviewCaseList {
  today: string;
  cases: ReviewCaseSummary[];
  total: number;
  counts: {
    total: number;
    awaitingReview: number;
    overdue: number;
    tolerancePending: number;
    byStatus: Record<string, number>;
    byVillage: Record<string, number>;
    byItem: Record<string, number>;
  };
}

export interface ReviewRevision {
  revision: number;
  submittedAt: number;
  fields: Record<string, string>;
  acknowledged: string[];
  materials: Material[];
}

export interface ReviewCaseDetail {
  today: string;
  case: Case & { version: number; villageName: string; townshipName: string; acceptedOn?: string; dueOn?: string };
  item: ServiceItem | null;
  applicant: Person | null;
  entruster: Person | null;
  materials: Material[];
  report: Report | null;
  acknowledgments: Finding[];
  revisions: ReviewRevision[];
  decisions: (Decision & { versionAfter: number })[];
  audit: AuditEvent[];
  rating: Rating | null;
  rectifications: Rectification[];
  allowedDecisions: DecisionKind[];
  deadline: DeadlineStatus | null;
  toleranceWindow: ToleranceWindow | null;
  suspendedOn: string | null;
}

export interface DecisionOutcome {
  decision: Decision;
  case: { id: string; status: CaseStatus; version: number; revision: number; acceptedOn: string | null; dueOn: string | null };
  replayed: boolean;
}
