// A session the server ended — revoked by the admin or by "sign out on all devices", or the
// account disabled — told at the device's next contact (401 auth.revoked / auth.disabled). The
// server still accepts that session's push for a grace, so the drain has already sent what was
// queued; then the device wipes the user's data and shows the login screen with the reason.
// Unsent work is never dropped silently: if some could not be delivered, the device keeps it and
// locks the UI to a screen saying how many cases and why, with retry and export to a file; the
// wipe comes only after an export.
import { ERROR_CODES } from '../domain/api/errors';
import { exportUserData, listProblems, nextBatch, retryNow, unsentWork } from '../storage';
import type { AppState } from './app-state';
import { endLocalSession } from './session-actions';

export function endedReason(code: string): string {
  return code === ERROR_CODES.authDisabled
    ? '该账号已被县级管理员停用。'
    : '本设备的登录已被取消（县级管理员结束了此设备的登录，或在其他设备上点了“退出所有设备”）。';
}

/** Every open outbox entry due now (failed ones wait for their back-off otherwise). */
async function makeAllDue(now: number): Promise<void> {
  const open = await nextBatch(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  for (const entry of open) if (entry.state === 'failed') await retryNow(entry.id, now);
}

async function whyUnsent(state: AppState, drafts: number): Promise<string> {
  const rejected = (await listProblems()).filter((p) => p.state === 'rejected').length;
  const parts: string[] = [];
  if (rejected > 0) parts.push(`${rejected} 条记录被乡镇服务器退回，需要修改，但本设备已不能再登录修改。`);
  else if (!state.online.value) parts.push('本机现在没有网络，连不上乡镇服务器。');
  else parts.push('乡镇服务器已不再接受本设备发送（取消登录已超过宽限期，或服务器暂时不可用）。');
  if (drafts > 0) parts.push(`另有 ${drafts} 件草稿从未提交，只保存在本机。`);
  return parts.join('');
}

/** The ending under way, per app: one at a time, and a wipe waits for a retry to finish. */
const underWay = new WeakMap<AppState, Promise<void>>();

/** Runs `work` as the one ending under way, the screen busy meanwhile. */
async function exclusively(state: AppState, work: () => Promise<void>): Promise<void> {
  const slice = state.sessionEnd;
  slice.busy.value = true;
  const run = work();
  underWay.set(
    state,
    run.catch(() => undefined),
  );
  try {
    await run;
  } finally {
    underWay.delete(state);
    slice.busy.value = false;
  }
}

/** Wipes the user's data, then says so on the login screen; the locked screen stays up until the
 *  wipe is done, so the app is never briefly signed in over half-wiped data. */
async function wipeWithNotice(state: AppState, notice: string): Promise<void> {
  await endLocalSession(state);
  state.sessionEnd.notice.value = notice;
  state.sessionEnd.ended.value = null;
}

/** Pushes once more, then wipes or locks. Re-entry (the push's own drain reports again) is ignored. */
export async function endRevokedSession(state: AppState, code: string): Promise<void> {
  const slice = state.sessionEnd;
  if (slice.busy.value || !state.session.value) return;
  await exclusively(state, async () => {
    let work = await unsentWork();
    if (work.cases > 0) {
      await makeAllDue(state.deps.now());
      await state.deps.syncNow?.().catch(() => undefined);
      work = await unsentWork();
    }
    if (work.cases === 0 && work.drafts === 0) {
      await wipeWithNotice(
        state,
        `${endedReason(code)}所有办件都已送到乡镇，本机数据已清除。如需继续使用，请重新登录。`,
      );
      return;
    }
    slice.ended.value = {
      code,
      reason: endedReason(code),
      cases: work.cases,
      drafts: work.drafts,
      why: await whyUnsent(state, work.drafts),
      exported: slice.ended.value?.exported ?? false,
    };
  });
}

/** The locked screen's 重试发送. */
export function retryEndedSession(state: AppState): Promise<void> {
  const code = state.sessionEnd.ended.value?.code ?? ERROR_CODES.authRevoked;
  return endRevokedSession(state, code);
}

/** The locked screen's 导出到文件: every table of the user as one JSON file. */
export async function exportEndedSession(state: AppState): Promise<{ blob: Blob; fileName: string }> {
  const user = state.session.value?.user;
  const at = state.deps.now();
  const blob = await exportUserData({
    exportedAt: at,
    deviceId: state.deviceId.value,
    user: user ? { id: user.id, username: user.username, name: user.name, villageCode: user.villageCode } : null,
    reason: state.sessionEnd.ended.value?.code,
  });
  const ended = state.sessionEnd.ended.value;
  if (ended) state.sessionEnd.ended.value = { ...ended, exported: true };
  const day = new Date(at).toISOString().slice(0, 10);
  return { blob, fileName: `daiban-未同步-${user?.username ?? user?.id ?? 'user'}-${day}.json` };
}

/** The locked screen's last step, allowed once the work was exported. A retry under way (the
 *  user's, or a sync meeting the revoked session) finishes first: if it delivered everything, it
 *  has wiped already; otherwise the wipe follows. Endings asked for during the wipe are ignored. */
export async function wipeEndedSession(state: AppState): Promise<void> {
  if (!state.sessionEnd.ended.value?.exported) throw new Error('请先把未同步的办件导出到文件');
  for (let run = underWay.get(state); run; run = underWay.get(state)) await run;
  const ended = state.sessionEnd.ended.value;
  if (!ended || !state.session.value) return; // the retry delivered everything and wiped
  await exclusively(state, () => wipeWithNotice(state, `${ended.reason}未同步的办件已导出到文件，本机数据已清除。`));
}
