// One case on the reviewer's desk: the record on the left, the decision column on the right.
import { CalendarMark } from '../../components/calendar-mark';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { STATUS_LABELS } from '../../../domain/state-machine';
import { acceptanceWindowLabel } from '../../../domain/review/acceptance-window';
import type { ReviewerState } from '../../../state/reviewer';
import { diffRevisions } from '../../../state/reviewer/revision-diff';
import { latestReturn } from '../../../state/reviewer/returned';
import { Banner } from '../../components/banner';
import { Button } from '../../components/button';
import { DecisionPanel } from '../decisions/decision-panel';
import { ApplicantSection } from './applicant';
import { MaterialsSection } from './materials';
import { ReportSection } from './report';
import { RevisionsSection } from './revisions';
import { TimelineSection } from './timeline';
import { ZoomViewer } from './zoom-viewer';
import { limitLabel } from '../../../domain/review/limit-label';

export function CaseDetailScreen({
  state,
  id,
  visit,
  onBack,
  onSlip,
}: {
  state: ReviewerState;
  id: string;
  visit: number;
  onBack: () => void;
  onSlip: () => void;
}) {
  const slice = state.caseDetail;
  useEffect(() => {
    if (slice.detail.data.value?.case.id !== id) slice.detail.reset();
  }, [id]);
  // No timed refresh here: a reviewer in the middle of a form must not see it reload.
  useEffect(() => {
    void slice.load(id);
  }, [id, visit]);
  const [zoom, setZoom] = useState<{ url: string; title: string } | null>(null);
  const d = slice.detail.data.value?.case.id === id ? slice.detail.data.value : undefined;

  const diff = useMemo(() => {
    const revs = d?.revisions ?? [];
    const prev = revs.at(-2);
    const last = revs.at(-1);
    return prev && last ? diffRevisions(prev, last) : null;
  }, [d]);
  const changedFields = useMemo(() => new Set(diff?.fields.map((f) => f.key) ?? []), [diff]);
  const changedMaterials = useMemo(() => new Map(diff?.materials.map((m) => [m.requirementId, m]) ?? []), [diff]);

  return (
    <section class="case-detail" aria-label="办件详情">
      <div class="row no-print">
        <Button variant="ghost" onClick={onBack}>
          ← 返回收件箱
        </Button>
        <Button onClick={() => slice.load(id)} disabled={slice.detail.loading.value}>
          {slice.detail.loading.value ? '正在刷新…' : '刷新'}
        </Button>
      </div>
      {slice.detail.error.value && (
        <Banner tone="danger">
          {slice.detail.error.value} <Button onClick={() => slice.load(id)}>重试</Button>
        </Banner>
      )}
      {!d && slice.detail.loading.value && <p class="muted">正在读取办件…</p>}
      {d && (
        <>
          <header class="case-head">
            <h1>
              {d.case.number} · {d.applicant?.name ?? ''}
            </h1>
            <div class="row">
              <span class={`status status--${d.case.status}`} data-status={d.case.status}>
                {STATUS_LABELS[d.case.status]}
              </span>
              <span>{d.item?.name ?? d.case.itemCode}</span>
              <span>{d.case.villageName}</span>
              <span>第 {d.case.revision} 次提交</span>
              {d.case.acceptedOn && <span>受理：{d.case.acceptedOn}</span>}
              {d.case.dueOn && <span>承诺办结：{d.case.dueOn}</span>}
              {d.deadline && (
                <span
                  class={`deadline ${d.deadline.overdue ? 'deadline--overdue' : d.deadline.dueSoon ? 'deadline--soon' : ''}`}
                >
                  {d.deadline.label}
                  <CalendarMark years={d.deadline.uncoveredYears} />
                </span>
              )}
              {d.acceptanceWindow && (
                <span
                  class={`deadline ${d.acceptanceWindow.overdue ? 'deadline--overdue' : d.acceptanceWindow.remaining <= 1 ? 'deadline--soon' : ''}`}
                  data-acceptance-window={d.acceptanceWindow.overdue ? 'overdue' : 'running'}
                >
                  {acceptanceWindowLabel(d.acceptanceWindow)}
                </span>
              )}
              {d.returnWindow && (
                <span class="muted">
                  {d.returnWindow.returnedOn} 退回补正
                  {d.returnWindow.closable
                    ? '，已满等待期，可关闭'
                    : `，${d.returnWindow.closableFrom} 起未重新提交可关闭`}
                </span>
              )}
              {d.item && (
                <span class="muted">
                  承诺时限 {limitLabel(d.item)}
                  {d.item.requiresPresence ? ' · 须本人到场' : ''}
                </span>
              )}
            </div>
          </header>
          <div class="case-grid">
            <div class="stack">
              {diff && (
                <RevisionsSection
                  revisions={d.revisions}
                  diff={diff}
                  lastReturn={latestReturn(d.decisions)}
                  item={d.item}
                />
              )}
              <ApplicantSection
                applicant={d.applicant}
                entruster={d.entruster}
                item={d.item}
                fields={d.case.fields}
                changedFields={changedFields}
              />
              <MaterialsSection
                item={d.item}
                materials={d.materials}
                report={d.report}
                tolerance={d.case.tolerance}
                changes={changedMaterials}
                today={d.today}
                blobs={state.blobs}
                onZoom={(url, title) => setZoom({ url, title })}
              />
              <ReportSection report={d.report} acknowledgments={d.acknowledgments} />
              {!diff && <RevisionsSection revisions={d.revisions} diff={null} lastReturn={undefined} item={d.item} />}
              {d.rating && (
                <section class="card" aria-label="评价">
                  <h2>群众评价</h2>
                  <p>
                    {d.rating.level} 星{d.rating.comment ? `：${d.rating.comment}` : ''}
                  </p>
                  {d.rectifications.map((r) => (
                    <p key={r.id}>
                      差评整改：
                      {r.status === 'open' ? `待整改（${r.dueBy} 前）` : `已回访办结：${r.callbackNote ?? ''}`}
                    </p>
                  ))}
                </section>
              )}
              <TimelineSection audit={d.audit} check={d.auditCheck} />
            </div>
            <DecisionPanel slice={slice} detail={d} onSlip={onSlip} />
          </div>
          <ZoomViewer url={zoom?.url ?? null} title={zoom?.title ?? ''} onClose={() => setZoom(null)} />
        </>
      )}
    </section>
  );
}
