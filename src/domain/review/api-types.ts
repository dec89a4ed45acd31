// Response bodies of the reviewer API (src/server/review), shared by the server that builds them
// and the reviewer desk that reads them.
import type { DeadlineStatus } from '../calendar';
import type { Finding, Report } from '../rules';
import type { AuditEvent } from '../schemas/audit';
import type { ServiceItem } from '../schemas/catalog';
import type { Case, CaseStatus, Material } from '../schemas/case';
import type { Decision, DecisionKind, Rating, Rectification } from '../schemas/decision';
import type { Person } from '../schemas/person';
import type { ToleranceWindow } from './tolerance-window';

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
  /** Tolerated materials not yet supplied. */
  tolerancePending: number;
}

export interface ReviewCaseList {
  today: string;
  cases: ReviewCaseSummary[];
  /** Cases matching the filters (for paging). */
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
  /** The rules re-run on the server today; null when the item left the catalogue. */
  report: Report | null;
  /** Warnings the agent read and accepted before submitting. */
  acknowledgments: Finding[];
  revisions: ReviewRevision[];
  decisions: (Decision & { versionAfter: number })[];
  audit: AuditEvent[];
  rating: Rating | null;
  rectifications: Rectification[];
  /** Decisions the reviewer may take now (per the state machine). */
  allowedDecisions: DecisionKind[];
  deadline: DeadlineStatus | null;
  /** Where tolerance due dates may fall if accepted with tolerance today. */
  toleranceWindow: ToleranceWindow | null;
  suspendedOn: string | null;
}

export interface DecisionOutcome {
  decision: Decision;
  case: { id: string; status: CaseStatus; version: number; revision: number; acceptedOn: string | null; dueOn: string | null };
  /** True when this decision id had already been applied: nothing changed now. */
  replayed: boolean;
}
