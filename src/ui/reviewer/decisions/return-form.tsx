// 退回补正: reasons attached to specific materials or fields, from the reason-code list, all in
// one decision (一次性告知) — the agent's tablet reopens exactly these.
import { useEffect, useState } from 'preact/hooks';
import { REASON_LABELS, type ReasonCode as Code } from '../../../domain/schemas/decision';
import { reasonsFor } from '../../../domain/review/return-reasons';
import type { ServiceItem } from '../../../domain/schemas/catalog';
import { toReasons, type DraftReason, type TargetDraft } from '../../../state/reviewer/decision-draft';
import { FIELD_TARGET_PREFIX } from '../../../state/reviewer/returned';

function TargetRow({
  target,
  label,
  codes,
  draft,
  onChange,
}: {
  target: string;
  label: string;
  /** The reasons that apply to this kind of target. */
  codes: readonly Code[];
  draft: TargetDraft;
  onChange: (d: TargetDraft) => void;
}) {
  const toggle = (code: Code) =>
    onChange({
      ...draft,
      codes: draft.codes.includes(code) ? draft.codes.filter((c) => c !== code) : [...draft.codes, code],
    });
  const flagged = draft.codes.length > 0;
  // A kept draft may hold a code this target no longer offers: still shown, so it can be cleared.
  const shown = [...codes, ...draft.codes.filter((c) => !codes.includes(c))];
  return (
    <fieldset class={`reason-target${flagged ? ' reason-target--flagged' : ''}`} data-target={target}>
      <legend>{label}</legend>
      <div class="reason-codes" role="group" aria-label={`${label}：退回原因`}>
        {shown.map((code) => (
          <button
            key={code}
            type="button"
            class="reason-chip"
            data-code={code}
            aria-pressed={draft.codes.includes(code)}
            onClick={() => toggle(code)}
          >
            {REASON_LABELS[code]}
          </button>
        ))}
      </div>
      {flagged && (
        <input
          class="reason-text"
          type="text"
          maxLength={500}
          value={draft.text}
          placeholder={draft.codes.includes('other') ? '请写明原因（必填）' : '补充说明：哪里有问题、怎么改（可不填）'}
          aria-label={`${label}：说明`}
          onInput={(e) => onChange({ ...draft, text: e.currentTarget.value })}
        />
      )}
    </fieldset>
  );
}

export function ReturnForm({
  item,
  initial,
  onReasons,
}: {
  item: ServiceItem | null;
  /** Input kept from before a reload (the panel's form draft). */
  initial?: Record<string, TargetDraft>;
  onReasons: (reasons: DraftReason[], drafts: Record<string, TargetDraft>) => void;
}) {
  const [drafts, setDrafts] = useState<Record<string, TargetDraft>>(initial ?? {});
  // Opened with a kept draft: the panel gets its reasons at once.
  useEffect(() => {
    if (Object.keys(drafts).length > 0) onReasons(toReasons(drafts), drafts);
  }, []);
  const set = (target: string, d: TargetDraft) => {
    const next = { ...drafts, [target]: d };
    if (d.codes.length === 0) delete next[target];
    setDrafts(next);
    onReasons(toReasons(next), next);
  };
  const empty: TargetDraft = { codes: [], text: '' };
  const count = Object.values(drafts).reduce((n, d) => n + d.codes.length, 0);
  return (
    <div class="stack return-form">
      <p class="muted">
        点选每份有问题的材料或填写项的原因（可多选）。所有问题将一次性告知代办员，只有被标记的内容会重新打开。
      </p>
      {(item?.materials ?? []).map((m) => (
        <TargetRow
          key={m.id}
          target={m.id}
          label={m.name}
          codes={reasonsFor({ kind: 'material', material: m })}
          draft={drafts[m.id] ?? empty}
          onChange={(d) => set(m.id, d)}
        />
      ))}
      {item && item.fields.length > 0 && (
        <details>
          <summary>申请表填写项</summary>
          {item.fields.map((f) => {
            const t = `${FIELD_TARGET_PREFIX}${f.key}`;
            return (
              <TargetRow
                key={t}
                target={t}
                label={`填写项：${f.label}`}
                codes={reasonsFor({ kind: 'field', field: f })}
                draft={drafts[t] ?? empty}
                onChange={(d) => set(t, d)}
              />
            );
          })}
        </details>
      )}
      <p aria-live="polite">
        <strong>
          已选 {count} 条原因，涉及 {Object.keys(drafts).length} 项。
        </strong>
      </p>
    </div>
  );
}
