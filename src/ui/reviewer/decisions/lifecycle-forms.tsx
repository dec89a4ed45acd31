// The issue-15 steps' own fields: 不予受理's legal basis (行政许可法 §32), the 回访 call's outcome,
// and when a returned case may be closed. The reason itself goes in the panel's note field.
import { useEffect, useState } from 'preact/hooks';
import type { ReviewCaseDetail } from '../../../domain/api/review';
import type { DecisionFormInput } from '../../../state/reviewer/decision-draft';
import { Button } from '../../components/button';

const LEGAL_BASES = [
  '《中华人民共和国行政许可法》第三十二条第一款第一项（申请事项依法不需要取得行政许可）',
  '《中华人民共和国行政许可法》第三十二条第一款第二项（申请事项不属于本机关职权范围）',
];

export function RefuseForm({ onBasis }: { onBasis: (legalBasis: string) => void }) {
  const [basis, setBasis] = useState('');
  useEffect(() => onBasis(basis), [basis]);
  return (
    <div class="stack">
      <p>申请不属于受理范围或不符合申请条件时不予受理，须书面告知原因和依据；这与受理后的“终止”不同。</p>
      <div class="stack">
        {LEGAL_BASES.map((b) => (
          <Button key={b} variant="ghost" onClick={() => setBasis(b)}>
            {b}
          </Button>
        ))}
      </div>
      <label class="stack">
        法律依据（必填）
        <input type="text" maxLength={200} value={basis} onInput={(e) => setBasis(e.currentTarget.value)} />
      </label>
    </div>
  );
}

type FollowUpInput = NonNullable<DecisionFormInput['followUp']>;

export function FollowUpForm({ onFollowUp }: { onFollowUp: (f: FollowUpInput | undefined) => void }) {
  const [reached, setReached] = useState<boolean | undefined>(undefined);
  const [satisfied, setSatisfied] = useState<boolean | undefined>(undefined);
  useEffect(
    () => onFollowUp(reached === undefined ? undefined : { reached, ...(reached && { satisfied }) }),
    [reached, satisfied],
  );
  return (
    <div class="stack">
      <p>回访是乡镇电话回访申请人的结果，与申请人自己的“好差评”分开记录。</p>
      <fieldset class="stack">
        <legend>是否联系上申请人</legend>
        <label class="checkbox">
          <input type="radio" name="reached" checked={reached === true} onChange={() => setReached(true)} /> 联系上了
        </label>
        <label class="checkbox">
          <input type="radio" name="reached" checked={reached === false} onChange={() => setReached(false)} />{' '}
          没有联系上
        </label>
      </fieldset>
      {reached && (
        <fieldset class="stack">
          <legend>申请人是否满意</legend>
          <label class="checkbox">
            <input type="radio" name="satisfied" checked={satisfied === true} onChange={() => setSatisfied(true)} />{' '}
            满意
          </label>
          <label class="checkbox">
            <input type="radio" name="satisfied" checked={satisfied === false} onChange={() => setSatisfied(false)} />{' '}
            不满意
          </label>
        </fieldset>
      )}
    </div>
  );
}

export function ReturnCloseNote({ window }: { window: NonNullable<ReviewCaseDetail['returnWindow']> }) {
  return (
    <p>
      {window.returnedOn} 退回补正，至今未重新提交。{window.closable ? '已满' : '未满'}等待期（{window.closableFrom}{' '}
      起可关闭）。关闭后办件终止，申请人可重新申请。
    </p>
  );
}
