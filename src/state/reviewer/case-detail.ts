// One case on the reviewer's desk and the decision being made on it. The decision id is created
// when a form opens and kept until the server answers, so "重试" after an outage resends the same
// decision (the server returns the first answer: `replayed`), never a second one.
// A reviewer who opens a submitted (or resubmitted) case starts its review: the server moves it to
// 审核中, which the agent's tablet learns on its next pull.
import { signal } from '@preact/signals';
import type { CaseStatus } from '../../domain/schemas/case';
import type { DecisionKind } from '../../domain/schemas/decision';
import {
  buildDecision,
  checkDecisionInput,
  newDecisionId,
  type DecisionFormInput,
  type DraftProblem,
} from './decision-draft';
import { REVIEW_ROUTES, type DecisionOutcome, type ReviewCaseDetail } from '../../domain/api/review';
import { errorMessage, RequestError, type ApiClient } from '../../net';
import { loadable } from './loadable';

export interface PendingDecision {
  id: string;
  kind: DecisionKind;
  caseId: string;
}

const OPENS_REVIEW: ReadonlySet<CaseStatus> = new Set(['submitted', 'resubmitted']);

/** Only someone who may decide on the case (a reviewer of its township, not the county admin). */
const startsReview = (d: ReviewCaseDetail) => OPENS_REVIEW.has(d.case.status) && d.allowedDecisions.length > 0;

export function createCaseDetailSlice(api: ApiClient, reviewerId: () => string, now: () => number) {
  const detail = loadable<ReviewCaseDetail>();
  /** The open decision form; its id is reused on every retry. */
  const pending = signal<PendingDecision | null>(null);
  const sending = signal(false);
  const problems = signal<DraftProblem[]>([]);
  const sendError = signal<string | null>(null);
  const lastOutcome = signal<DecisionOutcome | null>(null);

  const fetchDetail = (id: string) => api.call(REVIEW_ROUTES.detail, { params: { id } });

  async function fetchAndOpen(id: string): Promise<ReviewCaseDetail> {
    const first = await fetchDetail(id);
    if (!startsReview(first)) return first;
    try {
      await api.call(REVIEW_ROUTES.open, { params: { id } });
    } catch (err) {
      // A short outage: show the case as it is (decisions work from 已提交 too). A refusal means
      // someone else moved it meanwhile: the reload below shows where it stands now.
      if (!(err instanceof RequestError) || err.transient) return first;
    }
    return fetchDetail(id);
  }

  /** Reads the case; a submitted one is opened for review first (then read again). */
  const load = (id: string) => detail.run(() => fetchAndOpen(id));

  return {
    detail,
    pending,
    sending,
    problems,
    sendError,
    lastOutcome,
    load,
    open(caseId: string, kind: DecisionKind) {
      if (pending.value?.caseId === caseId && pending.value.kind === kind) return;
      pending.value = { id: newDecisionId(), kind, caseId };
      problems.value = [];
      sendError.value = null;
    },
    cancel() {
      pending.value = null;
      problems.value = [];
      sendError.value = null;
    },
    /** Checks, sends, and reloads the case; resolves true when the server applied it. */
    async submit(input: DecisionFormInput): Promise<boolean> {
      const p = pending.value;
      const d = detail.data.value;
      if (!p || !d || d.case.id !== p.caseId) return false;
      const found = checkDecisionInput(input, d.toleranceWindow ?? undefined);
      problems.value = found;
      if (found.length > 0) return false;
      sending.value = true;
      sendError.value = null;
      try {
        const decision = buildDecision(
          p.id,
          { caseId: p.caseId, revision: d.case.revision, reviewerId: reviewerId() },
          input,
          now(),
        );
        lastOutcome.value = await api.call(REVIEW_ROUTES.decide, { params: { id: p.caseId }, body: decision });
        pending.value = null;
        await load(p.caseId);
        return true;
      } catch (err) {
        sendError.value = errorMessage(err);
        // A refusal (4xx) will not change on resend: the next attempt gets a fresh id.
        if (err instanceof RequestError && !err.transient) pending.value = { ...p, id: newDecisionId() };
        return false;
      } finally {
        sending.value = false;
      }
    },
  };
}
export type CaseDetailSlice = ReturnType<typeof createCaseDetailSlice>;
