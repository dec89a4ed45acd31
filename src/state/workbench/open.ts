// Opening and closing a case on the workbench.
import { getCase, getPerson, listCaseOutbox, listMaterials } from '../../storage';
import type { AppState } from '../app-state';
import { flushCaseSave } from './edit';

export async function openCase(state: AppState, id: string): Promise<void> {
  const wb = state.workbench;
  if (wb.record.value?.id !== id) await flushCaseSave(state);
  wb.loading.value = true;
  wb.error.value = null;
  try {
    const c = await getCase(id);
    if (!c) {
      wb.record.value = null;
      wb.error.value = '找不到这个办件，可能已被删除或属于其他账号';
      return;
    }
    const [applicant, entruster, materials, outbox] = await Promise.all([
      getPerson(c.applicantId), c.entrusterId ? getPerson(c.entrusterId) : Promise.resolve(undefined), listMaterials(id), listCaseOutbox(id),
    ]);
    wb.applicant.value = applicant ?? null;
    wb.entruster.value = entruster ?? null;
    wb.materials.value = materials;
    wb.outbox.value = outbox;
    wb.record.value = c;
    if (!applicant) wb.error.value = '申请人的档案不在本机，无法检查材料';
  } catch (e) {
    wb.error.value = e instanceof Error ? e.message : String(e);
  } finally {
    wb.loading.value = false;
  }
}

/** Re-reads the open case (after sync changed it). */
export async function reloadCase(state: AppState): Promise<void> {
  const id = state.workbench.record.value?.id;
  if (id) await openCase(state, id);
}

export function closeWorkbench(state: AppState): void {
  const wb = state.workbench;
  if (wb.writes.timer) clearTimeout(wb.writes.timer);
  wb.writes.timer = undefined;
  wb.record.value = null;
  wb.applicant.value = null;
  wb.entruster.value = null;
  wb.materials.value = [];
  wb.outbox.value = [];
  wb.captures.value = {};
  wb.error.value = null;
}
