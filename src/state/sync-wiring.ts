// Connects the page's sync scheduler (src/sync) to app state: status → signals, pulled changes →
// reload what is on screen. Started after login (the drain needs the session token).
import { createPageSync, type SyncScheduler, type SyncStatus } from '../sync';
import type { PullSummary, RestoreSummary } from '../storage';
import { showToast, type AppState } from './app-state';
import { loadPulledCatalog } from './catalog-lookup';
import { loadHolidayCalendar } from './holiday-calendar';
import { loadCaseList } from './case-list';
import { casesChangedElsewhere } from './case-early-read';
import { refreshSyncStatus } from './sync-status';
import { refreshDeviceProblems } from './device-problems';
import { reloadCase } from './workbench/open';
import { ERROR_CODES } from '../domain/api/errors';
import { refreshCountyDivisions } from './county-divisions-fetch';

export interface SyncConnection {
  start: () => void;
  stop: () => void;
  requestSync: () => Promise<void>;
}

function onPulled(state: AppState, summary: PullSummary): void {
  // Failing (storage unreadable), the page keeps the catalogue and calendar it has; the next
  // start reads the stored ones again.
  if (summary.catalogItems > 0) void loadPulledCatalog().catch(() => undefined);
  if (summary.holidayYears) void loadHolidayCalendar().catch(() => undefined);
  if (summary.caseIds.length === 0) return;
  casesChangedElsewhere(); // a case read from a tap just before is stale
  const open = state.workbench.openId.value;
  if (open && summary.caseIds.includes(open)) void reloadCase(state);
  if (state.router.route.value.name === 'cases') void loadCaseList(state);
}

/** Cases a restore brought back: the list shows them at once. */
function onRestored(state: AppState, summary: RestoreSummary): void {
  const changed = [...summary.added, ...summary.advanced];
  if (changed.length === 0) return;
  casesChangedElsewhere();
  const open = state.workbench.openId.value;
  if (open && changed.includes(open)) void reloadCase(state);
  if (state.router.route.value.name === 'cases') void loadCaseList(state);
}

/** Whether the last round reached the server: a failure keeps the time of the first in a row. */
function noteReach(state: AppState, s: SyncStatus): void {
  const outcome = s.lastOutcome;
  if (s.running || !outcome || outcome === 'busy') return; // no new answer (or another tab's)
  if (outcome !== 'offline' && outcome !== 'unavailable') {
    state.sync.unreachable.value = null;
    return;
  }
  const was = state.sync.unreachable.value;
  if (was?.outcome !== outcome) state.sync.unreachable.value = { since: was?.since ?? state.deps.now(), outcome };
}

export function connectSync(
  state: AppState,
  make: (onPulled: (s: PullSummary) => void, onRestored?: (s: RestoreSummary) => void) => SyncScheduler = (
    cb,
    restored,
  ) => createPageSync({ onPulled: cb, onRestored: restored }),
): SyncConnection {
  const scheduler = make(
    (summary) => onPulled(state, summary),
    (summary) => onRestored(state, summary),
  );
  let unsubscribe: (() => void) | undefined;
  let warnedLogin = false;
  let checkedDivisions = false;
  const apply = (s: SyncStatus) => {
    // No pending count from here: the scheduler's copy is read only at its start and after each
    // round, so a round's first report can still say 0 for work saved since. The count on screen
    // is read from the outbox (refreshSyncStatus, below and after every local write).
    state.sync.running.value = s.running;
    if (s.lastSuccessAt !== undefined) state.sync.lastSyncAt.value = s.lastSuccessAt;
    state.sync.needsUpdate.value = s.needsUpdate;
    noteReach(state, s);
    if (s.lastOutcome === 'done' || s.needsUpdate)
      void refreshDeviceProblems(state, { restore: false }).catch(() => undefined);
    // Online and the round went through: a changed division list comes along, always after a
    // start (a login), else at most every 30 minutes (county-divisions-fetch.ts).
    if (s.lastOutcome === 'done') {
      const force = !checkedDivisions;
      checkedDivisions = true;
      void refreshCountyDivisions(state, { force }).catch(() => undefined);
    }
    // Unreachable now: the update banner's own check, or the next round, tries again.
    if (s.needsUpdate) void state.deps.checkForUpdate?.().catch(() => undefined);
    const code = s.lastError?.code;
    if (s.needsLogin && (code === ERROR_CODES.authRevoked || code === ERROR_CODES.authDisabled)) {
      // Revoked or disabled: deliver what is queued, then wipe or lock (session-end.ts, loaded
      // only then: no first-screen bytes for a rare event).
      void import('./session-end')
        .then((m) => m.endRevokedSession(state, code))
        .catch((e: unknown) =>
          showToast(
            state,
            'danger',
            `这个账号已被停用或撤销，但本机还没能退出这个账号（${e instanceof Error ? e.message : String(e)}）。请刷新页面。`,
          ),
        );
    } else if (s.needsLogin && !warnedLogin) {
      warnedLogin = true;
      showToast(state, 'warning', '登录已过期：办件都已保存在本机。请在“设置”中点“重新登录”，以便继续同步。');
    }
    // Problems come with their outbox rows (attempts, time) from storage.
    if (!s.running) void refreshSyncStatus(state).catch(() => undefined);
  };
  return {
    start() {
      checkedDivisions = false;
      unsubscribe ??= scheduler.onStatus(apply);
      scheduler.start();
    },
    stop() {
      scheduler.stop();
      unsubscribe?.();
      unsubscribe = undefined;
    },
    async requestSync() {
      await scheduler.requestSync('submit');
    },
  };
}
