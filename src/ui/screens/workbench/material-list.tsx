import { useSignal } from '@preact/signals';
import { deletePage } from '../../../state';
import { useAppState } from '../../app/context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PhotoViewer } from '../../components/photo-viewer';
import { useBlobUrl } from '../../hooks/use-blob-url';
import { MaterialCard } from './material-card';
import { AlternativeCard } from './alternative-card';
import { alternativeRef, alternativesFromReport } from '../../../domain/rules/alternatives';

export interface ViewerTarget {
  requirementId: string;
  index: number;
}
export interface DeleteTarget {
  requirementId: string;
  sha256: string;
  label: string;
}

/** The materials checklist, one card per requirement, with the shared viewer and delete prompt. */
export function MaterialList() {
  const state = useAppState();
  const wb = state.workbench;
  const item = wb.item.value;
  const viewing = useSignal<ViewerTarget | null>(null);
  const deleting = useSignal<DeleteTarget | null>(null);
  const v = viewing.value;
  const pages = v ? (wb.materialByRequirement.value.get(v.requirementId)?.pages ?? []) : [];
  const page = v ? pages[v.index] : undefined;
  const url = useBlobUrl(page?.sha256);
  const name = v ? (item?.materials.find((r) => r.id === v.requirementId)?.name ?? '') : '';
  if (!item) return null;
  const report = wb.report.value;
  const alternatives = alternativesFromReport(item, report?.materials ?? {});
  const card = (id: string) => {
    const r = item.materials.find((m) => m.id === id);
    return (
      r && (
        <MaterialCard
          key={r.id}
          requirement={r}
          onView={(index) => {
            viewing.value = { requirementId: r.id, index };
          }}
          onDelete={(t) => {
            deleting.value = t;
          }}
        />
      )
    );
  };
  // Checklist order; an alternative (或) shows once, where its first material would be.
  const shown = new Set<string>();
  const entries = item.materials.map((r) => {
    const alt = alternatives.of(r.id);
    if (!alt) return card(r.id);
    const a = alt.alternative;
    if (shown.has(a.id)) return null;
    shown.add(a.id);
    const ref = alternativeRef(a.id);
    return (
      <AlternativeCard
        key={`alt-${a.id}`}
        alternative={a}
        complete={alt.complete}
        finding={report?.findings.find((f) => f.target.type === 'case' && f.target.ref === ref)}
        renderGroup={(ids) => ids.map(card)}
      />
    );
  });
  return (
    <section class="stack" aria-labelledby="materials-title">
      <h2 id="materials-title">材料清单（{item.materials.length} 项）</h2>
      <ul class="materials">{entries}</ul>
      <PhotoViewer
        src={page ? (url ?? null) : null}
        title={v ? `${name} 第 ${v.index + 1}/${pages.length} 页` : ''}
        onClose={() => {
          viewing.value = null;
        }}
        onPrev={
          v && v.index > 0
            ? () => {
                viewing.value = { ...v, index: v.index - 1 };
              }
            : undefined
        }
        onNext={
          v && v.index < pages.length - 1
            ? () => {
                viewing.value = { ...v, index: v.index + 1 };
              }
            : undefined
        }
      />
      <ConfirmDialog
        open={deleting.value !== null}
        title="删除这一页吗？"
        confirmLabel="删除"
        danger
        onCancel={() => {
          deleting.value = null;
        }}
        onConfirm={() => {
          const d = deleting.value;
          deleting.value = null;
          if (d)
            void deletePage(state, d.requirementId, d.sha256).catch((e) => {
              wb.error.value = String(e instanceof Error ? e.message : e);
            });
        }}
      >
        <p>{deleting.value?.label}</p>
      </ConfirmDialog>
    </section>
  );
}
