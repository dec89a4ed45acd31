// One case on the reviewer's desk and the decision being made on it. The decision id is created
// when a form opens and kept until the server answers, so "重试" after an outage resends the same
// decision (the server returns the first answer: `replayed`), never a second one.
import { signal } from '@preact/signals';
import type { DecisionKind } from '../../domain/schemas/decision';
import type { DecisionOutcome, ReviewCaseDetail } from '../../domain/review';
import { buildDecision, checkDecisionInput, newDecisionId, type DecisionFormInput, type DraftProblem } from './decision-draft';
import { RequestError, errorMessage, requestJson, type HttpDeps } from './http';
import { loadable } from './loadable';

export interface PendingDecision {
  id: string;
  kind: DecisionKind;
  caseId: string;
}

export function createCaseDetailSlice(http: HttpDeps, reviewerId: () => string, now: () => number) {
  const detail = loadable<ReviewCaseDetail>();
  /** The open decision form; its id is reused on every retry. */
  const pending = signal<PendingDecision | null>(null);
  const sending = signal(false);
  const problems = signal<DraftProblem[]>([]);
  const sendError = signal<string | null>(null);
  const lastOutcome = signal<DecisionOutcome | null>(null);

  const load = (id: string) => detail.run(() => requestJson<ReviewCaseDetail>(http, `/api/review/cases/${id}`));

  return {
    detail, pending, sending, problems, sendError, lastOutcome, load,
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
        const decision = buildDecision(p.id, { caseId: p.caseId, revision: d.case.revision, reviewerId: reviewerId() }, input, now());
        lastOutcome.value = await requestJson<DecisionOutcome>(http, `/api/review/cases/${p.caseId}/decisions`, { method: 'POST', body: decision });
        pending.value = null;
        await load(p.caseId);
        return true;
      } catch (err) {
        sendError.value = errorMessage(err);
        // A refusal (4xx) will not change on resend: the next attempt gets a fresh id.
        if (err instanceof RequestError && !err.retryable) pending.value = { ...p, id: newDecisionId() };
        return false;
      } finally {
        sending.value = false;
      }
    },
  };
}
export type CaseDetailSlice = ReturnType<typeof createCaseDetailSlice>;
