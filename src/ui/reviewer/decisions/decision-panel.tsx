// The decision column: the decisions the state machine allows now, one form at a time, and a
// send that survives a short outage (the error says so; "重试" resends the same decision id).
import { useRef, useState } from 'preact/hooks';
import type { DecisionKind } from '../../../domain/schemas/decision';
import type { ReviewCaseDetail } from '../../../domain/api';
import type { CaseDetailSlice } from '../../../state/reviewer/case-detail';
import type { DecisionFormInput, TargetDraft } from '../../../state/reviewer/decision-draft';
import { Banner } from '../../components/banner';
import { Button } from '../../components/button';
import { DraftNote } from '../../components/draft-note';
import { useFormDraft } from '../../hooks/use-form-draft';
import { NO_DECISION_DRAFT, parseDecisionDraft, type DecisionDraft } from '../../../state/reviewer/decision-draft-keep';
import { CompleteForm } from './complete-form';
import { DECISION_LABELS, DECISION_ORDER } from './labels';
import { ReturnForm } from './return-form';
import { ToleranceForm } from './tolerance-form';
import { FollowUpForm, RefuseForm, ReturnCloseNote } from './lifecycle-forms';

const CONFIRM_TEXT: Partial<Record<DecisionKind, string>> = {
  accept: '材料齐全、符合要求，予以受理。受理后可打印受理单。',
  resume: '恢复办理：中止的天数不计入承诺时限。',
  'confirm-supplied': '容缺材料已全部补齐，转为正常受理。',
  deliver: '办理结果已送达申请人。',
  archive: '办件材料和记录归档，归档后不再有任何操作。',
};

/** “确认受理”, “确认退回补正”…; “确认已补齐” already says it. */
export const submitLabel = (kind: DecisionKind) =>
  kind === 'confirm-supplied' ? DECISION_LABELS[kind] : `确认${DECISION_LABELS[kind]}`;

const TERMINATE_PRESETS = ['容缺材料逾期未补齐（未履行容缺承诺）', '申请人撤回申请', '申请人不符合办理条件'];

function NoteField({ kind, value, onValue }: { kind: DecisionKind; value: string; onValue: (v: string) => void }) {
  return (
    <div class="stack">
      {kind === 'terminate' && (
        <div class="row">
          {TERMINATE_PRESETS.map((p) => (
            <Button key={p} variant="ghost" onClick={() => onValue(p)}>
              {p}
            </Button>
          ))}
        </div>
      )}
      <label class="stack">
        {kind === 'suspend'
          ? '中止原因（必填）'
          : kind === 'terminate'
            ? '终止原因（必填）'
            : kind === 'refuse'
              ? '不予受理原因（必填，将告知申请人）'
              : kind === 'follow-up'
                ? '回访记录（可不填）'
                : '备注（可不填）'}
        <textarea rows={2} maxLength={1000} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
      </label>
    </div>
  );
}

export function DecisionPanel({
  slice,
  detail,
  onSlip,
}: {
  slice: CaseDetailSlice;
  detail: ReviewCaseDetail;
  onSlip: () => void;
}) {
  const pending = slice.pending.value?.caseId === detail.case.id ? slice.pending.value : null;
  const input = useRef<DecisionFormInput>({ kind: 'accept' });
  const [note, setNote] = useState('');
  const [returnDrafts, setReturnDrafts] = useState<Record<string, TargetDraft>>({});
  const [complete, setComplete] = useState<DecisionDraft['complete']>(null);
  // Bumped when a draft is restored: the sub-forms start again from it.
  const [restoredAt, setRestoredAt] = useState(0);
  const kinds = DECISION_ORDER.filter((k) => detail.allowedDecisions.includes(k));
  // The open form and its input come back after a reload or an update (same decision id: a
  // resend stays a replay). A closed form equals the baseline: its draft is deleted.
  const kept = useFormDraft<DecisionDraft>(
    `review-decision:${detail.case.id}`,
    pending ? { kind: pending.kind, decisionId: pending.id, note, returnDrafts, complete } : NO_DECISION_DRAFT,
    (d) => {
      const kind = kinds.find((k) => k === d.kind);
      if (!kind) {
        slice.cancel();
        return;
      }
      input.current = { kind };
      if (d.decisionId) slice.pending.value = { id: d.decisionId, kind, caseId: detail.case.id };
      else slice.open(detail.case.id, kind);
      setNote(d.note);
      setReturnDrafts(d.returnDrafts);
      setComplete(d.complete);
      setRestoredAt((n) => n + 1);
    },
    parseDecisionDraft,
  );
  const outcome = slice.lastOutcome.value;
  const acceptedNow =
    outcome &&
    outcome.case.id === detail.case.id &&
    (outcome.decision.kind === 'accept' || outcome.decision.kind === 'accept-with-tolerance');
  const accepted =
    ['accepted', 'accepted_tolerance', 'suspended', 'completed', 'delivered', 'rated', 'followed_up'].includes(
      detail.case.status,
    ) && detail.case.acceptedOn;

  const open = (kind: DecisionKind) => {
    input.current = { kind };
    setNote('');
    setReturnDrafts({});
    setComplete(null);
    slice.open(detail.case.id, kind);
  };
  const send = () => void slice.submit({ ...input.current, kind: pending!.kind, note: note || undefined });

  return (
    <aside class="decision-panel card stack no-print" aria-label="审核决定">
      <h2>审核决定</h2>
      <DraftNote draft={kept} />
      {acceptedNow && (
        <Banner tone="success">
          已{DECISION_LABELS[outcome.decision.kind]}。{outcome.replayed ? '（此前已提交过，未重复处理）' : ''}
        </Banner>
      )}
      {accepted && <Button onClick={onSlip}>打印受理单</Button>}
      {kinds.length === 0 && !pending && <p class="muted">当前状态无需审核操作。</p>}
      {!pending && (
        <div class="decision-buttons">
          {kinds.map((k) => (
            <Button
              key={k}
              variant={
                k === 'terminate' || k === 'refuse' || k === 'close-returned'
                  ? 'danger'
                  : k === 'accept' || k === 'complete'
                    ? 'primary'
                    : 'secondary'
              }
              onClick={() => open(k)}
            >
              {DECISION_LABELS[k]}
            </Button>
          ))}
        </div>
      )}
      {pending && (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
          aria-label={DECISION_LABELS[pending.kind]}
        >
          <h3>{DECISION_LABELS[pending.kind]}</h3>
          {CONFIRM_TEXT[pending.kind] && <p>{CONFIRM_TEXT[pending.kind]}</p>}
          {pending.kind === 'return' && (
            <ReturnForm
              key={restoredAt}
              item={detail.item}
              initial={returnDrafts}
              onReasons={(reasons, drafts) => {
                input.current = { ...input.current, reasons };
                setReturnDrafts(drafts);
              }}
            />
          )}
          {pending.kind === 'accept-with-tolerance' && detail.item && detail.toleranceWindow && (
            <ToleranceForm
              item={detail.item}
              tolerance={detail.case.tolerance}
              materialStates={detail.report?.materials}
              window={detail.toleranceWindow}
              onDue={(toleranceDue) => {
                input.current = { ...input.current, toleranceDue };
              }}
            />
          )}
          {(pending.kind === 'complete' || pending.kind === 'deliver') && (
            <CompleteForm
              key={restoredAt}
              villageName={detail.case.villageName}
              requireOutcome={pending.kind === 'complete'}
              initial={complete}
              onChange={(v) => {
                input.current = { ...input.current, outcome: v.outcome, delivery: v.delivery };
                setComplete(v);
              }}
            />
          )}
          {pending.kind === 'refuse' && (
            <RefuseForm
              onBasis={(legalBasis) => {
                input.current = { ...input.current, legalBasis };
              }}
            />
          )}
          {pending.kind === 'follow-up' && (
            <FollowUpForm
              onFollowUp={(followUp) => {
                input.current = { ...input.current, followUp };
              }}
            />
          )}
          {pending.kind === 'close-returned' && detail.returnWindow && <ReturnCloseNote window={detail.returnWindow} />}
          <NoteField kind={pending.kind} value={note} onValue={setNote} />
          {slice.problems.value.length > 0 && (
            <ul class="field__error" role="alert">
              {slice.problems.value.map((p, i) => (
                <li key={i}>× {p.message}</li>
              ))}
            </ul>
          )}
          {slice.sendError.value && <Banner tone="danger">{slice.sendError.value}</Banner>}
          <div class="row">
            <Button onClick={() => slice.cancel()} disabled={slice.sending.value}>
              取消
            </Button>
            <Button
              type="submit"
              variant={
                pending.kind === 'terminate' || pending.kind === 'refuse' || pending.kind === 'close-returned'
                  ? 'danger'
                  : 'primary'
              }
              disabled={slice.sending.value}
            >
              {slice.sending.value ? '正在提交…' : slice.sendError.value ? '重试' : submitLabel(pending.kind)}
            </Button>
          </div>
        </form>
      )}
      {detail.decisions.length > 0 && (
        <div class="stack">
          <h3>已作出的决定</h3>
          <ol class="decision-history">
            {detail.decisions.map((d) => (
              <li key={d.id}>
                <strong>{DECISION_LABELS[d.kind]}</strong>（第 {d.revision} 次提交）
                {d.reasons.length > 0 && <span>：{d.reasons.length} 条原因</span>}
                {d.toleranceDue.length > 0 && (
                  <span>：容缺 {d.toleranceDue.map((t) => `${t.requirementId} ${t.dueBy}`).join('、')}</span>
                )}
                {d.outcome && <span>：{d.outcome}</span>}
                {d.note && <span>（{d.note}）</span>}
                {d.legalBasis && <span>依据：{d.legalBasis}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </aside>
  );
}
