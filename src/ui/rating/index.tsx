// The agent's 好差评 screen for one case, and the review-loop pieces the workbench embeds.
import { useEffect, useState } from 'preact/hooks';
import type { Case } from '../../domain/schemas/case';
import { showToast, type AppState } from '../../state/app-state';
import { createRating, loadCaseForRating, RATABLE_STATUSES } from '../../state/rating';
import { Banner } from '../components/banner';
import { RatingForm } from './rating-form';

export { RatingForm } from './rating-form';
export { ReturnReasons } from './return-reasons';
export { DueSoonList } from './due-soon-list';
export { DueSoonPanel } from './due-soon-panel';
export { ReviewLoopPanel } from './review-loop-panel';

export function RatingScreen({ state, caseId }: { state: AppState; caseId: string }) {
  const [c, setCase] = useState<Case | null | undefined>(undefined);
  useEffect(() => {
    loadCaseForRating(caseId).then((x) => setCase(x ?? null), () => setCase(null));
  }, [caseId]);
  const back = () => state.router.navigate({ name: 'case', id: caseId });
  if (c === undefined) return <p class="muted">正在读取办件…</p>;
  if (c === null) return <Banner tone="danger">找不到这个办件</Banner>;
  if (c.status === 'rated') return <Banner tone="success">这个办件已经评价过了，谢谢！</Banner>;
  if (!(RATABLE_STATUSES as readonly string[]).includes(c.status)) return <Banner tone="warning">办结或送达后才能评价</Banner>;
  return (
    <main class="rating-screen">
      <RatingForm
        itemName={c.number}
        onCancel={back}
        onSubmit={async (input) => {
          const rating = await createRating(state, caseId, input);
          showToast(state, rating.level <= 2 ? 'warning' : 'success', rating.level <= 2 ? '差评已记录，乡镇将回访整改' : '评价已保存，联网后自动上传');
          back();
        }}
      />
    </main>
  );
}
