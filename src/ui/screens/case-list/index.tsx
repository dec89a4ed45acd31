import { useEffect, useMemo } from 'preact/hooks';
import { useAppState } from '../../app/context';
import { ensureCaseRows, loadShownCaseList } from '../../../state/case-list';
import { refreshSyncStatus } from '../../../state/sync-slice';
import { markFirstRows } from '../../../state/first-rows';
import { LinkButton } from '../../components/button';
import { Icon } from '../../components/icon';
import { VirtualList } from '../../components/virtual-list';
import { EmptyState } from '../../components/empty-state';
import { Banner } from '../../components/banner';
import { CaseFilters } from './case-filters';
import { CaseCard, CaseCardProbe } from './case-card';
import { DueSoonPanel } from '../../rating/due-soon-panel';
import './case-list.css';

/**
 * The least row height; the list measures the tallest card (CaseCardProbe) at the current width
 * and font size and uses that, so no line of a card is ever cut or covered (see case-list.css).
 */
const MIN_ROW_HEIGHT = 136;
/** Rows below the view whose page is read already: a fling reaches loaded rows, not placeholders. */
const READ_AHEAD_ROWS = 60;

/**
 * 办件列表 (home): filters over indexed queries and a windowed list that stays smooth at 10,000
 * cases. Kept mounted but not `shown` under a case opened from it (route-view.tsx): each time it
 * is shown again it reads its rows again, as a fresh list would.
 */
export function CaseListScreen({ shown }: { shown: boolean }) {
  const state = useAppState();
  useEffect(() => {
    if (!shown) return;
    loadShownCaseList(state);
    void refreshSyncStatus(state).catch(() => undefined); // the badges keep their last figures
  }, [shown]);
  // The same element each time: hiding or showing the list changes one attribute, not its rows
  // (Preact skips an unchanged element; the body re-renders from its own signals). Diffing the
  // rows took 5–30 ms at 4× of the tap that opens a case (issue 13).
  const body = useMemo(() => <CaseListBody />, []);
  return (
    <section class="stack" aria-labelledby="cases-title" hidden={!shown}>
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h1 id="cases-title" style={{ margin: 0 }}>
          办件列表
        </h1>
        <LinkButton href="#/cases/new" variant="primary">
          <Icon name="plus" />
          新建办件
        </LinkButton>
      </div>
      {/* Read again each time the list is shown, as the rows are. */}
      {shown && <DueSoonPanel />}
      {body}
    </section>
  );
}

/** The filters, the count and the rows. */
function CaseListBody() {
  const state = useAppState();
  const { total, rows, loading, counting, error, filter } = state.caseList;
  useEffect(() => {
    // The first rows (or the empty state) are on screen after this frame: background work waits
    // for it (state/first-rows.ts).
    if (!loading.value) requestAnimationFrame(markFirstRows);
  }, [loading.value]);
  const problems = state.sync.problemCases.value;
  const filtered = Object.values(filter.value).some((v) => v !== undefined && v !== false);
  return (
    <>
      <CaseFilters />
      <p role="status" aria-live="polite" class="muted" data-testid="case-count">
        {loading.value ? '正在读取……' : counting.value ? `${total.value} 件以上，正在计数……` : `共 ${total.value} 件`}
      </p>
      {error.value && <Banner tone="danger">读取办件失败：{error.value}</Banner>}
      {!loading.value && total.value === 0 ? (
        <EmptyState title={filtered ? '没有符合条件的办件' : '还没有办件'}>
          {!filtered && (
            <LinkButton href="#/cases/new" variant="primary">
              新建第一个办件
            </LinkButton>
          )}
        </EmptyState>
      ) : (
        <VirtualList
          items={rows.value}
          rowHeight={MIN_ROW_HEIGHT}
          probe={<CaseCardProbe like={rows.value.find((r) => r !== undefined)} />}
          label="办件"
          getKey={(row, i) => row?.case.id ?? `loading-${i}`}
          onRange={(start, end) => void ensureCaseRows(state, start, end + READ_AHEAD_ROWS)}
          rowContext={problems}
          renderRow={(row) => <CaseCard row={row} problem={row ? problems.get(row.case.id) : undefined} />}
        />
      )}
    </>
  );
}
