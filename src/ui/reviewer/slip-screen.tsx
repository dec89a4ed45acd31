// The printable 受理单 for an accepted case, built from the case detail.
import { useEffect } from 'preact/hooks';
import type { ReviewerState } from '../../state/reviewer';
import { useAppState } from '../app/context';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { AcceptanceSlip, type SlipData } from './acceptance-slip';
import { limitLabel } from '../../domain/review/limit-label';

export function SlipScreen({ state, id, onBack }: { state: ReviewerState; id: string; onBack: () => void }) {
  const app = useAppState();
  const slice = state.caseDetail;
  useEffect(() => {
    if (slice.detail.data.value?.case.id !== id) void slice.load(id);
  }, [id]);
  const d = slice.detail.data.value?.case.id === id ? slice.detail.data.value : undefined;
  if (slice.detail.error.value)
    return (
      <Banner tone="danger">
        {slice.detail.error.value} <Button onClick={() => slice.load(id)}>重试</Button>
      </Banner>
    );
  if (!d) return <p class="muted">正在读取…</p>;
  if (!d.case.acceptedOn || !d.case.dueOn)
    return (
      <Banner tone="warning">
        办件尚未受理，没有受理单。<Button onClick={onBack}>返回</Button>
      </Banner>
    );
  const name = (reqId: string) => d.item?.materials.find((m) => m.id === reqId)?.name ?? reqId;
  // The catalogue's order, as on the checklist the villager was given.
  const order = (reqId: string) => d.item?.materials.findIndex((m) => m.id === reqId) ?? 0;
  const data: SlipData = {
    caseNumber: d.case.number,
    applicantName: d.applicant?.name ?? '',
    applicantIdNumber: d.applicant?.idNumber ?? '',
    itemName: d.item?.name ?? d.case.itemCode,
    agency: d.item?.agency ?? '',
    townshipName: d.case.townshipName,
    reviewerName: app.user.value?.name ?? '',
    acceptedOn: d.case.acceptedOn,
    promisedLimit: d.item ? limitLabel(d.item) : '',
    dueOn: d.case.dueOn,
    materials: [...new Set(d.materials.map((m) => m.requirementId))]
      .sort((a, b) => order(a) - order(b))
      .map((r) => ({
        name: name(r),
        pages: d.materials.filter((m) => m.requirementId === r).reduce((n, m) => n + m.pages.length, 0),
      })),
    tolerance: d.case.tolerance
      .filter((t) => !t.suppliedAt)
      .map((t) => ({ name: name(t.requirementId), dueBy: t.dueBy ?? t.promisedBy })),
  };
  return (
    <section class="stack">
      <div class="row no-print">
        <Button variant="ghost" onClick={onBack}>
          ← 返回办件
        </Button>
      </div>
      <AcceptanceSlip data={data} onPrint={() => print()} />
    </section>
  );
}
