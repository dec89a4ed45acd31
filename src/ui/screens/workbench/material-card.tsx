import type { MaterialRequirement } from '../../../domain';
import { addPhotos, HANDLING_LABELS, profilePhotoFor, applyProfilePhoto, type MaterialStatus } from '../../../state';
import { useAppState } from '../../app/context';
import { PhotoPicker } from '../../components/photo-picker';
import { ProgressBar } from '../../components/progress-bar';
import { Button } from '../../components/button';
import { Banner } from '../../components/banner';
import { FindingList } from './finding-list';
import { PageList } from './page-list';
import { SignatureSection } from './signature-section';
import { HouseholdSignatures } from './household-signatures';
import { MaterialData } from './material-data';
import { ToleranceControl } from './tolerance-control';
import type { DeleteTarget } from './material-list';
import { LOW_SPACE_BYTES } from '../../../pwa/storage-quota';
import { isMaterialLocked } from '../../../state/workbench/return-scope';
import { LockedNote, ReturnNote } from './return-note';

export const MATERIAL_STATUS_LABELS: Record<MaterialStatus, string> = {
  missing: '未提供',
  captured: '已采集',
  passes: '合格',
  warnings: '有提醒',
  errors: '有问题',
  tolerated: '容缺',
  'not-needed': '无需提供（已选另一种）',
};
const REQUIREMENT_LABELS = { required: '必交', optional: '可选', tolerable: '必交（可容缺）' } as const;

interface Props {
  requirement: MaterialRequirement;
  onView: (index: number) => void;
  onDelete: (t: DeleteTarget) => void;
}

/** One material: what it must be, its state and why, and the tools to capture, sign or type it. */
export function MaterialCard({ requirement: r, onView, onDelete }: Props) {
  const state = useAppState();
  const wb = state.workbench;
  const m = wb.materialByRequirement.value.get(r.id);
  const ms = wb.report.value?.materials[r.id];
  const status: MaterialStatus = ms?.status ?? 'missing';
  const captures = wb.captures.value[r.id] ?? [];
  // A returned case reopens only the materials the reviewer flagged.
  const locked = wb.editable.value && isMaterialLocked(state, r.id);
  const flagged = wb.returnTargets.value.find((t) => t.target === r.id);
  const editable = wb.editable.value && !locked;
  const pages = m?.pages ?? [];
  const full = pages.length >= r.pagesMax;
  const profileSha = profilePhotoFor(wb.applicant.value, r, state.today.value);
  const canUseProfile = editable && profileSha && !pages.some((p) => p.sha256 === profileSha) && !full;
  const space = state.storageInfo.value;
  const lowSpace = space !== undefined && space.quota > 0 && space.free < LOW_SPACE_BYTES;
  const materialFindings = (ms?.findings ?? []).filter(
    (f) => !(f.target.type === 'material' && f.target.page !== undefined),
  );
  const titleId = `mat-${r.id}`;
  // The 容缺承诺书 is signed only when something is actually tolerated.
  const commitmentId = wb.item.value?.rules.find((x) => x.kind === 'tolerance-allowed')?.commitmentMaterial;
  const isDormantCommitment = r.id === commitmentId && (wb.record.value?.tolerance.length ?? 0) === 0 && !m?.signature;
  const fail = (e: unknown) => {
    wb.error.value = e instanceof Error ? e.message : String(e);
  };

  return (
    <li
      class={`card stack material material--${status}${locked ? ' material--locked' : ''}`}
      aria-labelledby={titleId}
      data-material={r.id}
      data-status={status}
      data-locked={locked || undefined}
    >
      <div class="material__head">
        <h3 id={titleId} class="material__name">
          {r.name}
        </h3>
        {locked && <LockedNote />}
        <span class={`mstatus mstatus--${status}`} data-testid={`status-${r.id}`}>
          {MATERIAL_STATUS_LABELS[status]}
        </span>
      </div>
      {flagged && <ReturnNote target={flagged} />}
      <p class="muted" style={{ margin: 0 }}>
        {REQUIREMENT_LABELS[r.requirement]} · {HANDLING_LABELS[r.handling]}
        {r.copies > 1 ? ` ${r.copies} 份` : ''}
        {r.kind === 'document-photo' &&
          ` · ${r.pagesMin === r.pagesMax ? `${r.pagesMax} 页` : `${r.pagesMin}–${r.pagesMax} 页`}`}
        {r.standard && (
          <>
            <br />
            要求：{r.standard}
          </>
        )}
      </p>
      <FindingList findings={materialFindings} />
      {r.kind === 'document-photo' && (
        <>
          <PageList
            requirement={r}
            pages={pages}
            findings={ms?.findings ?? []}
            editable={editable}
            onView={onView}
            onDelete={onDelete}
          />
          {captures.map((c, i) => (
            <ProgressBar key={i} label={c.label} value={c.progress} />
          ))}
          {editable && lowSpace && (
            <Banner tone="warning">本机存储空间不足 50 MB，照片可能存不下。请先联网同步。</Banner>
          )}
          {editable && !full && (
            <div class="row">
              <PhotoPicker
                label={r.name}
                multiple={r.pagesMax - pages.length > 1}
                onFiles={(files) => void addPhotos(state, r.id, files.slice(0, r.pagesMax - pages.length)).catch(fail)}
              />
              {canUseProfile && (
                <Button onClick={() => void applyProfilePhoto(state, r.id).catch(fail)}>使用档案中的照片</Button>
              )}
            </div>
          )}
        </>
      )}
      {r.kind === 'signature' &&
        (isDormantCommitment ? (
          <p class="muted">只有登记了容缺材料时，才需要申请人签署。</p>
        ) : r.signers === 'household-adults' ? (
          <HouseholdSignatures requirement={r} editable={editable} />
        ) : (
          <SignatureSection requirement={r} editable={editable} />
        ))}
      {r.kind === 'e-licence' && <p class="muted">电子证照：由乡镇通过共享平台调取，无需拍照。</p>}
      {r.dataFields.length > 0 && <MaterialData requirement={r} editable={editable} />}
      {r.requirement === 'tolerable' && wb.item.value?.toleranceAllowed && pages.length === 0 && !m?.signature && (
        <ToleranceControl requirement={r} editable={editable} />
      )}
    </li>
  );
}
