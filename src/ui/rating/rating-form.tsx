// 好差评 on the tablet: the villager taps a face. Big buttons, five levels (GB/T 39734), three
// sub-ratings and an optional comment. A bad rating (不满意 or worse) asks for a comment.
import { useState } from 'preact/hooks';
import { RATING_LEVELS, isBadRating } from '../../domain/schemas/decision';
import type { RatingInput } from '../../state/rating';
import { Button } from '../components/button';
import { RatingFace } from './rating-face';

const SUB_RATINGS = [
  { key: 'efficiency', label: '办事效率' },
  { key: 'skill', label: '业务能力' },
  { key: 'attitude', label: '服务态度' },
] as const;

interface Props {
  applicantName?: string;
  itemName?: string;
  onSubmit: (input: RatingInput) => Promise<void> | void;
  onCancel?: () => void;
}

export function RatingForm({ applicantName, itemName, onSubmit, onCancel }: Props) {
  const [level, setLevel] = useState<number | null>(null);
  const [sub, setSub] = useState<RatingInput['sub']>({ efficiency: 0, skill: 0, attitude: 0 });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const pickLevel = (l: number) => {
    setLevel(l);
    // Sub-ratings start at the overall level; the villager changes only what differs.
    setSub((s) => ({ efficiency: s.efficiency || l, skill: s.skill || l, attitude: s.attitude || l }));
  };
  const bad = level !== null && isBadRating({ level });
  const missing =
    level === null
      ? '请先选择满意程度'
      : Object.values(sub).some((v) => v === 0)
        ? '请为每一项打分'
        : bad && comment.trim() === ''
          ? '差评请写明不满意的原因，便于整改'
          : '';

  const submit = async (e: Event) => {
    e.preventDefault();
    if (missing || level === null) return setError(missing);
    setBusy(true);
    setError('');
    try {
      await onSubmit({ level, sub, comment: comment.trim() });
    } catch (err) {
      setError(err instanceof Error ? err.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="rating-form" onSubmit={submit} aria-label="好差评">
      <h2>请群众评价这次服务</h2>
      {(applicantName || itemName) && <p class="muted">{[applicantName, itemName].filter(Boolean).join(' · ')}</p>}
      <div class="rating-levels" role="radiogroup" aria-label="满意程度">
        {RATING_LEVELS.map((r) => (
          <button
            type="button"
            key={r.level}
            role="radio"
            aria-checked={level === r.level}
            class={`rating-level${level === r.level ? ' selected' : ''}${r.level <= 2 ? ' bad' : ''}`}
            onClick={() => pickLevel(r.level)}
          >
            <RatingFace level={r.level} />
            <span>{r.label}</span>
          </button>
        ))}
      </div>
      {level !== null && (
        <fieldset class="rating-subs">
          <legend>分项评价</legend>
          {SUB_RATINGS.map(({ key, label }) => (
            <div class="rating-sub" role="radiogroup" aria-label={label} key={key}>
              <span class="rating-sub-label">{label}</span>
              {RATING_LEVELS.map((r) => (
                <button
                  type="button"
                  key={r.level}
                  role="radio"
                  aria-checked={sub[key] === r.level}
                  aria-label={`${label}：${r.label}`}
                  title={r.label}
                  class={`rating-sub-option${sub[key] === r.level ? ' selected' : ''}`}
                  onClick={() => setSub({ ...sub, [key]: r.level })}
                >
                  <RatingFace level={r.level} size={36} />
                </button>
              ))}
            </div>
          ))}
        </fieldset>
      )}
      <label class="rating-comment">
        {bad ? '不满意的原因（必填）' : '意见建议（可不填）'}
        <textarea value={comment} maxLength={500} rows={3} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        {onCancel && <Button onClick={onCancel}>稍后再评</Button>}
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? '正在保存…' : '提交评价'}
        </Button>
      </div>
    </form>
  );
}
