// 办结: the outcome and how the result reaches the villager — by post with a tracking number, or
// collected at the village service point.
import { useEffect, useState } from 'preact/hooks';
import type { DecisionFormInput } from '../../../state/reviewer/decision-draft';

type Delivery = NonNullable<DecisionFormInput['delivery']>;

export function CompleteForm({
  villageName,
  requireOutcome,
  initial,
  onChange,
}: {
  villageName: string;
  requireOutcome: boolean;
  /** Input kept from before a reload (the panel's form draft). */
  initial?: { outcome: string; delivery: Delivery } | null;
  onChange: (v: { outcome: string; delivery: Delivery }) => void;
}) {
  const d = initial?.delivery;
  const [outcome, setOutcome] = useState(initial?.outcome ?? '');
  const [method, setMethod] = useState<'collect' | 'post'>(d?.method ?? 'collect');
  const [tracking, setTracking] = useState(d?.method === 'post' ? d.trackingNumber : '');
  const [point, setPoint] = useState(d?.method === 'collect' ? d.servicePoint : `${villageName}便民服务点`);
  useEffect(() => {
    onChange({
      outcome,
      delivery:
        method === 'post' ? { method: 'post', trackingNumber: tracking } : { method: 'collect', servicePoint: point },
    });
  }, [outcome, method, tracking, point]);
  return (
    <div class="stack">
      {requireOutcome && (
        <label class="stack">
          办理结果
          <textarea
            rows={3}
            maxLength={500}
            value={outcome}
            onInput={(e) => setOutcome(e.currentTarget.value)}
            placeholder="例如：准予登记，待遇自下月起发放"
          />
        </label>
      )}
      <fieldset class="stack">
        <legend>送达方式</legend>
        <label class="checkbox">
          <input type="radio" name="delivery" checked={method === 'collect'} onChange={() => setMethod('collect')} />{' '}
          到村便民服务点领取
        </label>
        {method === 'collect' && (
          <input
            type="text"
            value={point}
            maxLength={100}
            aria-label="领取地点"
            onInput={(e) => setPoint(e.currentTarget.value)}
          />
        )}
        <label class="checkbox">
          <input type="radio" name="delivery" checked={method === 'post'} onChange={() => setMethod('post')} /> 邮寄
        </label>
        {method === 'post' && (
          <input
            type="text"
            value={tracking}
            maxLength={40}
            aria-label="邮寄单号"
            placeholder="邮寄单号"
            onInput={(e) => setTracking(e.currentTarget.value)}
          />
        )}
      </fieldset>
    </div>
  );
}
