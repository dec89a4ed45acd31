// GET /api/review/cases/:id: everything the reviewer needs on one screen — the case, its item,
// applicant and materials, the server's own pre-check report, what the agent acknowledged, every
// submitted revision (for the diff), the decisions and the audit timeline with whether its hash
// chain verifies.
import { chinaDate, type CaseStatus, type DecisionKind } from '../../domain';
import { deadlineStatus, workingDaysBetween } from '../../domain/calendar';
import { countyOf, placeNamesOf, townshipOf, type PlaceNames } from '../../domain/divisions';
import { evaluate } from '../../domain/rules';
import { canTransition, type CaseAction } from '../../domain/state-machine';
import type { AuthUser } from '../auth/user';
import { canSee } from '../auth/user';
import type { Store } from '../store';
import { notFound } from '../http/errors';
import { acceptanceWindow, returnCloseWindow, toleranceWindow } from '../../domain/review';
import { DEFAULT_LIFECYCLE, type LifecycleSettings } from '../config';
import { returnedOn } from './decide';
import type { ReviewCaseDetail } from '../../domain/api';
import { verifyCaseAudit } from '../audit/verify';

const DECISION_ACTIONS: [DecisionKind, CaseAction][] = [
  ['accept', 'accept'],
  ['return', 'return'],
  ['accept-with-tolerance', 'accept-with-tolerance'],
  ['suspend', 'suspend'],
  ['resume', 'resume'],
  ['complete', 'complete'],
  ['deliver', 'deliver'],
  ['terminate', 'terminate'],
  ['confirm-supplied', 'confirm-supplied'],
  ['refuse', 'refuse'],
  ['close-returned', 'close-returned'],
  ['follow-up', 'follow-up'],
  ['archive', 'archive'],
];

const allowedFor = (
  status: CaseStatus,
  user: AuthUser,
  toleranceAllowed: boolean,
  returnClosable: boolean,
): DecisionKind[] =>
  user.role === 'reviewer'
    ? DECISION_ACTIONS.filter(
        ([kind, action]) =>
          canTransition(status, action, 'reviewer') &&
          (kind !== 'accept-with-tolerance' || toleranceAllowed) &&
          (kind !== 'close-returned' || returnClosable),
      ).map(([k]) => k)
    : [];

/** Waiting for the township's first answer: §32's five working days run. */
export const AWAITING_DECISION: readonly CaseStatus[] = ['submitted', 'resubmitted', 'in_review'];

/** The day the materials being decided on arrived (the latest revision). */
export const receivedOn = (c: { receivedAt?: number | null; submittedAt: number | null; updatedAt: number }) =>
  chinaDate(c.receivedAt ?? c.submittedAt ?? c.updatedAt);

/** The applicant's place names from the imported divisions (a 个体户 name is checked against its county). */
async function applicantPlace(store: Store, divisionCode: string): Promise<PlaceNames> {
  const codes = [
    `${divisionCode.slice(0, 2)}0000`,
    `${divisionCode.slice(0, 4)}00`,
    countyOf(divisionCode),
    townshipOf(divisionCode),
    divisionCode,
  ];
  const rows = await Promise.all(codes.map((code) => store.divisions.get(code)));
  const names = new Map(rows.flatMap((r) => (r ? [[r.code, r.name] as const] : [])));
  return placeNamesOf(divisionCode, (code) => names.get(code));
}

export async function caseDetail(
  store: Store,
  user: AuthUser,
  id: string,
  now: number,
  lifecycle: LifecycleSettings = DEFAULT_LIFECYCLE,
): Promise<ReviewCaseDetail> {
  const c = await store.cases.get(id);
  if (!c || !canSee(user, c)) throw notFound('case.not_found', '办件不存在或不在本辖区');
  const today = chinaDate(now);
  const [
    item,
    applicant,
    entruster,
    materials,
    revisions,
    decisions,
    audit,
    rating,
    rectifications,
    village,
    township,
  ] = await Promise.all([
    store.catalog.version(c.itemCode, c.data.itemVersion).then((v) => v ?? store.catalog.get(c.itemCode)),
    store.persons.get(c.applicantId),
    c.data.entrusterId ? store.persons.get(c.data.entrusterId) : Promise.resolve(undefined),
    store.materials.forCase(c.id),
    store.cases.revisions(c.id),
    store.decisions.forCase(c.id),
    verifyCaseAudit(store, c.id),
    store.ratings.forCase(c.id),
    store.rectifications.forCase(c.id),
    store.divisions.get(c.villageCode),
    store.divisions.get(c.townshipCode),
  ]);
  const place = applicant ? await applicantPlace(store, applicant.person.divisionCode) : {};
  const report =
    item && applicant
      ? evaluate({ item, caseData: c.data, applicant: applicant.person, materials, today, place, workingDaysBetween })
      : null;
  const acknowledged = new Set(c.data.acknowledged);
  const pending = AWAITING_DECISION.includes(c.status);
  const returnWindow =
    c.status === 'returned' ? returnCloseWindow(returnedOn(c), lifecycle.returnCloseDays, today) : null;
  return {
    today,
    case: {
      ...c.data,
      status: c.status,
      revision: c.revision,
      version: c.version,
      villageName: village?.name ?? c.villageCode,
      townshipName: township?.name ?? c.townshipCode,
    },
    item: item ?? null,
    applicant: applicant?.person ?? null,
    entruster: entruster?.person ?? null,
    materials,
    report,
    acknowledgments: report ? report.findings.filter((f) => acknowledged.has(f.key)) : [],
    revisions: revisions.map((r) => ({
      revision: r.revision,
      submittedAt: r.submittedAt,
      fields: r.submission.case.fields,
      acknowledged: r.submission.case.acknowledged,
      materials: r.submission.materials,
    })),
    decisions: decisions.map((d) => ({ ...d.decision, versionAfter: d.versionAfter })),
    audit: audit.events,
    auditCheck: audit.broken
      ? {
          ok: false,
          problem: audit.broken.kind,
          ...(audit.broken.id !== null && { eventId: audit.broken.id }),
        }
      : { ok: true },
    rating: rating ?? null,
    rectifications,
    allowedDecisions: allowedFor(c.status, user, item?.toleranceAllowed ?? false, returnWindow?.closable ?? false),
    deadline:
      c.dueOn && (c.status === 'accepted' || c.status === 'accepted_tolerance')
        ? deadlineStatus(c.dueOn, today, item?.limitUnit)
        : null,
    toleranceWindow: item?.toleranceAllowed && pending ? toleranceWindow(today, item, item.maxToleranceDays) : null,
    suspendedOn: c.suspendedOn,
    acceptanceWindow: pending ? acceptanceWindow(receivedOn(c), today) : null,
    returnWindow,
  };
}
