// What the township decided, on the agent's case screen: the reasons of a return (per material),
// the countdown and the "补交" button of each tolerated material, the rating once the case is
// done, and the rectification a bad rating opened. The workbench mounts it above the form.
import { useEffect, useState } from 'preact/hooks';
import { deadlineStatus } from '../../domain/calendar';
import { CalendarMark } from '../components/calendar-mark';
import type { ServiceItem } from '../../domain/schemas/catalog';
import type { Case } from '../../domain/schemas/case';
import type { Decision } from '../../domain/schemas/decision';
import { openCase } from '../../state';
import { showToast } from '../../state/app-state';
import { createRating, RATABLE_STATUSES } from '../../state/rating';
import {
  loadReviewNotes,
  supplyToleratedMaterial,
  toleranceWithDue,
  type ReviewNotes,
} from '../../state/reviewer/agent-side';
import { FIELD_TARGET_PREFIX, latestReturn } from '../../state/reviewer/returned';
import { useAppState } from '../app/context';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { formatTime } from '../format';
import { RatingForm } from './rating-form';
import { ReturnReasons } from './return-reasons';
import './rating.css';

function ToleranceSupply({
  c,
  item,
  notes,
  today,
}: {
  c: Case;
  item: ServiceItem | undefined;
  notes: ReviewNotes;
  today: string;
}) {
  const state = useAppState();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState('');
  const promises = toleranceWithDue(c, notes.decisions);
  const name = (id: string) => item?.materials.find((m) => m.id === id)?.name ?? id;
  const supply = async (requirementId: string, files: FileList | null) => {
    if (!files?.length) return;
    setBusy(requirementId);
    setError('');
    try {
      await supplyToleratedMaterial(state, c.id, requirementId, [...files]);
      await openCase(state, c.id);
      showToast(state, 'success', `已补交“${name(requirementId)}”，联网后自动上传到乡镇`);
    } catch (err) {
      setError(err instanceof Error ? err.message : '补交失败，请重试');
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="card stack tolerance-supply" aria-label="容缺补交">
      <h2>容缺受理：请在期限内补交</h2>
      {c.dueOn && (
        <p>
          承诺办结期限：{c.dueOn}（{deadlineStatus(c.dueOn, today).label}）
          <CalendarMark from={c.acceptedOn} to={c.dueOn} />
        </p>
      )}
      <ul class="tolerance-supply__list">
        {promises.map((t) => {
          const due = t.dueBy ?? t.promisedBy;
          const s = deadlineStatus(due, today);
          const supplied = c.tolerance.find((x) => x.requirementId === t.requirementId)?.suppliedAt;
          return (
            <li
              key={t.requirementId}
              class={`tolerance-supply__item${!supplied && s.overdue ? ' due-soon__item--overdue' : ''}`}
              data-requirement={t.requirementId}
            >
              <strong>{name(t.requirementId)}</strong>
              <span>
                补齐期限 {due}
                <CalendarMark from={today} to={due} />
              </span>
              {supplied ? (
                <span class="ok">已补交（{formatTime(supplied)}）</span>
              ) : (
                <>
                  <span class={`deadline ${s.overdue ? 'deadline--overdue' : s.dueSoon ? 'deadline--soon' : ''}`}>
                    {s.label}
                  </span>
                  <label class="btn btn--primary">
                    {busy === t.requirementId ? '正在处理…' : '拍照补交'}
                    <input
                      type="file"
                      accept="image/*"
                      capture="environment"
                      multiple
                      class="visually-hidden"
                      aria-label={`补交：${name(t.requirementId)}`}
                      disabled={busy !== null}
                      onChange={(e) => void supply(t.requirementId, e.currentTarget.files)}
                    />
                  </label>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {error && <Banner tone="danger">{error}</Banner>}
      <p class="muted">逾期未补齐，乡镇将终止办理。</p>
    </section>
  );
}

function Rate({ c }: { c: Case }) {
  const state = useAppState();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Button variant="primary" block onClick={() => setOpen(true)}>
        请群众评价（好差评）
      </Button>
    );
  return (
    <RatingForm
      itemName={c.number}
      onCancel={() => setOpen(false)}
      onSubmit={async (input) => {
        const rating = await createRating(state, c.id, input);
        await openCase(state, c.id);
        showToast(
          state,
          rating.level <= 2 ? 'warning' : 'success',
          rating.level <= 2 ? '差评已记录，乡镇将回访整改' : '谢谢评价！联网后自动上传',
        );
        setOpen(false);
      }}
    />
  );
}

/** Scrolls to a flagged material or form field and puts the focus in it. */
function openTarget(target: string): void {
  const sel = target.startsWith(FIELD_TARGET_PREFIX)
    ? `[data-field="${target.slice(FIELD_TARGET_PREFIX.length)}"]`
    : `[data-material="${target}"]`;
  const el = document.querySelector<HTMLElement>(sel);
  el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el?.querySelector<HTMLElement>(
    'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])',
  )?.focus({ preventScroll: true });
}

const ENDING_TITLES: Partial<Record<Decision['kind'], string>> = {
  refuse: '乡镇不予受理',
  terminate: '乡镇已终止办理',
  'expire-tolerance': '容缺材料逾期未补齐，办件已终止',
  'close-returned': '退回补正后逾期未重新提交，办件已关闭',
};

/** The decision that ended a refused or terminated case, with its written reason (终止告知). */
function endingDecision(status: Case['status'], decisions: readonly Decision[]): Decision | undefined {
  if (status !== 'refused' && status !== 'terminated') return undefined;
  return decisions.filter((d) => ENDING_TITLES[d.kind] !== undefined && d.note).at(-1);
}

export function ReviewLoopPanel() {
  const state = useAppState();
  const c = state.workbench.record.value;
  const item = state.workbench.item.value;
  const today = state.today.value;
  const [notes, setNotes] = useState<ReviewNotes | null>(null);
  // Reload when the case changes on the device (a pull, a supply, a rating).
  useEffect(() => {
    if (!c) return;
    let live = true;
    loadReviewNotes(c.id).then(
      (n) => live && setNotes(n),
      () => live && setNotes({ decisions: [], rectifications: [] }),
    );
    return () => {
      live = false;
    };
  }, [c?.id, c?.status, c?.baseVersion, c?.updatedAt]);
  if (!c || !notes) return null;
  const returned = c.status === 'returned' ? latestReturn(notes.decisions) : undefined;
  const targets = state.workbench.returnTargets.value;
  const done = notes.decisions.filter((d) => d.kind === 'complete').at(-1);
  const ending = endingDecision(c.status, notes.decisions);
  return (
    <div class="review-loop stack">
      {returned && (
        <ReturnReasons
          decision={returned}
          item={item}
          onOpenTarget={openTarget}
          changed={(t) => targets.find((x) => x.target === t)?.changed}
        />
      )}
      {c.status === 'accepted_tolerance' && <ToleranceSupply c={c} item={item} notes={notes} today={today} />}
      {c.status === 'accepted' && c.dueOn && (
        <Banner tone="info">
          乡镇已受理，承诺 {c.dueOn} 前办结（{deadlineStatus(c.dueOn, today).label}）。
          <CalendarMark from={c.acceptedOn} to={c.dueOn} />
        </Banner>
      )}
      {ending && (
        <Banner tone="danger">
          <span data-ending={ending.kind}>
            {ENDING_TITLES[ending.kind]}：{ending.note}
            {ending.legalBasis && `（依据：${ending.legalBasis}）`}
          </span>
        </Banner>
      )}
      {done && ['completed', 'delivered', 'rated', 'followed_up'].includes(c.status) && (
        <Banner tone="success">
          已办结：{done.outcome}
          {done.delivery &&
            (done.delivery.method === 'post'
              ? `。结果已邮寄，单号 ${done.delivery.trackingNumber}`
              : `。请到${done.delivery.servicePoint}领取结果`)}
        </Banner>
      )}
      {(RATABLE_STATUSES as readonly string[]).includes(c.status) && <Rate c={c} />}
      {notes.rectifications.map((r) => (
        <Banner key={r.id} tone={r.status === 'open' ? 'warning' : 'success'}>
          {r.status === 'open'
            ? `差评已转乡镇整改，整改期限 ${r.dueBy}。`
            : `差评整改已回访办结：${r.callbackNote ?? ''}`}
        </Banner>
      ))}
    </div>
  );
}
