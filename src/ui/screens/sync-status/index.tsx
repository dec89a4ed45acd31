import { useEffect } from 'preact/hooks';
import { useAppState } from '../../app/context';
import {
  dismissSyncProblem,
  refreshDeviceProblems,
  refreshSyncStatus,
  retrySyncEntry,
  showToast,
  syncNow,
} from '../../../state';
import { DeviceProblems } from './device-problems';
import { Button } from '../../components/button';
import { Banner } from '../../components/banner';
import { EmptyState } from '../../components/empty-state';
import { formatTime } from '../../format';

const OFFLINE_LABELS = {
  unknown: '正在检查……',
  preparing: '正在下载离线文件，请保持有信号',
  'just-ready': '已就绪：没有信号也能使用',
  ready: '已就绪：没有信号也能使用',
  failed: '离线文件不完整：请在有信号时刷新页面',
} as const;

/** 同步状态: unsent count, last sync, and every problem with what to do about it. */
export function SyncStatusScreen() {
  const state = useAppState();
  const { pending, lastSyncAt, problems, running } = state.sync;
  const unreachable = state.online.value ? state.sync.unreachable.value : null;
  /** A button's failure, said in a toast that stays until closed. */
  const failed = (what: string) => (e: unknown) =>
    showToast(state, 'danger', `${what}（${e instanceof Error ? e.message : String(e)}）。请稍后再试。`);
  useEffect(() => {
    // A store that cannot be read leaves the figures as they were; the screen still shows the rest.
    void refreshSyncStatus(state).catch(() => undefined);
    void refreshDeviceProblems(state).catch(() => undefined);
  }, []);
  return (
    <section class="stack" aria-labelledby="sync-title">
      <h1 id="sync-title">同步状态</h1>
      <div class="card stack">
        <dl class="kv">
          <dt>网络</dt>
          <dd>{!state.online.value ? '离线' : unreachable ? '有网络，但连不上乡镇服务器' : '在线'}</dd>
          <dt>离线使用</dt>
          <dd data-testid="offline-readiness">{OFFLINE_LABELS[state.offline.value]}</dd>
          <dt>待同步</dt>
          <dd>
            <strong data-testid="pending-count">{pending.value ?? '…'}</strong> 条
          </dd>
          <dt>上次同步</dt>
          <dd>{lastSyncAt.value ? formatTime(lastSyncAt.value) : '还没有同步过'}</dd>
        </dl>
        {state.deps.syncNow && (
          <Button
            variant="primary"
            disabled={running.value || !state.online.value}
            onClick={() => void syncNow(state).catch(failed('没能同步'))}
          >
            {running.value ? '正在同步……' : '立即同步'}
          </Button>
        )}
        {!state.online.value && (pending.value ?? 0) > 0 && (
          <Banner tone="info">现在没有网络。办件已安全保存在本机，有信号时会自动同步。</Banner>
        )}
        {unreachable && (
          <Banner tone="warning">
            从 {formatTime(unreachable.since)} 起连不上乡镇服务器
            {unreachable.outcome === 'unavailable' ? '（服务器暂时出错）' : '（没有回应）'}
            。办件都安全保存在本机，连上后会自动同步。请确认无线网能上外网；一直连不上，请联系乡镇管理员。
          </Banner>
        )}
        {state.sync.needsUpdate.value && (
          <Banner tone="warning">
            应用版本过旧，乡镇服务器已不再接受，同步已暂停。请点页面上方的“更新”，待同步的办件都保留在本机。
          </Banner>
        )}
      </div>
      <DeviceProblems />
      <h2>需要处理的问题</h2>
      {problems.value.length === 0 ? (
        <EmptyState title="没有同步问题" />
      ) : (
        <ul class="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {problems.value.map((p) => (
            <li key={p.id} class="card stack">
              <p>
                <strong>{p.state === 'rejected' ? '乡镇拒收' : '发送失败'}</strong>
                {' · '}
                <a href={`#/cases/${p.caseId}`}>查看办件</a>
              </p>
              <p class={p.state === 'rejected' ? 'error-text' : 'warn-text'}>{p.lastError?.message ?? '原因未知'}</p>
              <p class="muted">
                已尝试 {p.attempts} 次 · {formatTime(p.updatedAt)}
              </p>
              <div class="row">
                {p.state === 'failed' && (
                  <Button onClick={() => void retrySyncEntry(state, p.id).catch(failed('没能重试'))}>重试</Button>
                )}
                {p.state === 'rejected' && (
                  <Button onClick={() => void dismissSyncProblem(state, p.id).catch(failed('没能标记为已知道'))}>
                    我知道了，去修改办件
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
