import { useEffect, useLayoutEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { useAppState } from '../../app/context';
import { flushCaseSave, openCase, refreshStorageInfo, savesSettled, showToast } from '../../../state';
import { onBeforeReload } from '../../../state/before-reload';
import { Banner } from '../../components/banner';
import { LinkButton } from '../../components/button';
import { CaseHeader } from './case-header';
import { CaseForm } from './case-form';
import { MaterialList } from './material-list';
import { ReportPanel } from './report-panel';
import { CaseActions } from './case-actions';
import { MaterialIndex } from './material-index';
import { ReportJump } from './report-jump';
import { ReviewLoopPanel } from '../../rating/review-loop-panel';
import { signaturePadLoaded, signaturePadSettled } from '../../components/signature-pad';
import { useAfterFirstPaint } from '../../hooks/use-after-first-paint';
import { guardUnsaved } from './unsaved-guard';
import './workbench.css';

// The signature pad comes with the workbench's chunk (also when the idle preload fetches it).
void signaturePadSettled();

let drawnInPage = false;
/** A case was drawn in this page (the hidden rehearsal is not needed any more: rehearsal.tsx). */
export const workbenchDrawn = (): boolean => drawnInPage;

/** 办件工作台: form, materials checklist and the live pre-validation report side by side. */
export function WorkbenchView({ id }: { id: string }) {
  const state = useAppState();
  const wb = state.workbench;
  // The signature pad's chunk loads while the case is read, and the case is drawn once both are
  // here: its signature boxes are ready in the first render, not drawn twice.
  const padSettled = useSignal(signaturePadLoaded());
  // The case is read from a layout effect: the reads are under way while the browser paints the
  // 正在打开办件…… frame, not started after it (a passive effect runs a frame later).
  useLayoutEffect(() => {
    if (!padSettled.value)
      void signaturePadSettled().then(() => {
        padSettled.value = true;
      });
    void openCase(state, id);
    void refreshStorageInfo(state);
  }, [id]);
  useEffect(() => {
    // Typing is saved after a short pause; leaving the page must not lose the last keystrokes.
    // Leaving the case (or the page): its own error line is gone with it, so the toast says it.
    const flush = () =>
      void flushCaseSave(state).catch((e: unknown) =>
        showToast(
          state,
          'danger',
          `这次的修改可能没有保存（${e instanceof Error ? e.message : String(e)}）。请回到这个办件检查，并重新填写。`,
        ),
      );
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    // An update reloads the page: the last keystrokes are written first, and a photo or a
    // signature on its way to storage lands.
    const unregister = onBeforeReload(() => flushCaseSave(state).then(() => savesSettled(state)));
    // A reload by hand must not cut off a save either (it stays on after leaving the case: a save
    // started here may still be running).
    guardUnsaved(wb.unsaved);
    return () => {
      unregister();
      flush();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [id]);

  const c = wb.record.value;
  const shown = c && c.id === id && padSettled.value ? id : undefined;
  // The materials and the report lie below the first screenful on a portrait tablet or a phone
  // (the summary above the form says what the report found): drawn just after the first paint.
  const drawRest = useAfterFirstPaint(shown);
  if ((wb.loading.value && !c) || !padSettled.value) return <p aria-busy="true">正在打开办件……</p>;
  if (!c || c.id !== id) {
    return (
      <section class="stack">
        <h1>办件</h1>
        {wb.error.value ? <Banner tone="danger">{wb.error.value}</Banner> : <p aria-busy="true">正在打开办件……</p>}
        <LinkButton href="#/">回到办件列表</LinkButton>
      </section>
    );
  }
  drawnInPage = true;
  return <WorkbenchBody drawRest={drawRest} />;
}

/** The open case as drawn; what lies below the first screenful only once `drawRest`. */
export function WorkbenchBody({ drawRest }: { drawRest: boolean }) {
  const wb = useAppState().workbench;
  return (
    <section class="workbench" aria-labelledby="case-title">
      <CaseHeader />
      {wb.error.value && <Banner tone="danger">{wb.error.value}</Banner>}
      <ReportJump />
      <div class="workbench__grid">
        <div class="workbench__main stack">
          <ReviewLoopPanel />
          <MaterialIndex />
          <CaseForm />
          {drawRest ? <MaterialList /> : <div class="workbench__later" aria-hidden="true" />}
        </div>
        <aside class="workbench__side" aria-label="预审结果">
          {drawRest ? <ReportPanel /> : <div class="workbench__later" aria-hidden="true" />}
        </aside>
      </div>
      {/* Always in reach: a bar stuck to the bottom of the screen, not the end of a side panel. */}
      <CaseActions />
    </section>
  );
}
