import { useAppState } from '../../app/context';
import { StatusBadge } from '../../components/status-badge';
import { LinkButton } from '../../components/button';
import { Banner } from '../../components/banner';
import { formatTime } from '../../format';
import { Icon } from '../../components/icon';
import { limitLabel } from '../../../domain/review/limit-label';

/** The case keeps the item version it was opened with; say so when a newer one is published. */
function ItemVersionNote() {
  const wb = useAppState().workbench;
  const c = wb.record.value!;
  const newer = wb.newerItem.value;
  if (!newer) return null;
  return (
    <p class="muted" data-testid="item-version-note">
      本办件按事项第 {c.itemVersion} 版办理；县里已发布第 {newer.version} 版
      {newer.withdrawn ? '（该事项已停用，不能再新建办件）' : '，新建的办件将使用新版'}。
    </p>
  );
}

const SAVE_STATE_LABELS = { saving: '正在保存……', failed: '未保存', saved: '已保存在本机' } as const;

/** Whether what the screen shows is stored yet: until it is, a reload or a closed tab loses it.
 *  Not a live region: it changes at every pause in typing (a failure is announced by its banner). */
function SaveState() {
  const saveState = useAppState().workbench.saveState.value;
  return (
    <span class={`save-state save-state--${saveState}`} data-testid="save-state">
      {SAVE_STATE_LABELS[saveState]}
    </span>
  );
}

export function CaseHeader() {
  const state = useAppState();
  const wb = state.workbench;
  const c = wb.record.value!;
  const item = wb.item.value;
  const outbox = wb.outbox.value.find((o) => o.state === 'failed' || o.state === 'rejected');
  return (
    <header class="case-head card">
      <div class="row">
        <LinkButton href="#/" class="no-print">
          <Icon name="back" />
          办件列表
        </LinkButton>
        <StatusBadge status={c.status} />
        <span class="muted mono">{c.number}</span>
      </div>
      <h1 id="case-title" style={{ margin: 0 }}>
        {item?.name ?? c.itemCode}
      </h1>
      <div class="case-head__people">
        <span>
          申请人：<strong>{wb.applicant.value?.name ?? '（档案缺失）'}</strong>
        </span>
        {wb.entruster.value && (
          <span>
            委托人：<strong>{wb.entruster.value.name}</strong>
          </span>
        )}
        <span class="muted">更新于 {formatTime(c.updatedAt)}</span>
        <SaveState />
        {item && <span class="muted">承诺时限：{limitLabel(item)}</span>}
      </div>
      {item?.requiresPresence && (
        <Banner tone="warning">
          <strong>本事项须申请人本人到场办理。</strong>
          {item.presenceNote ?? ''}
        </Banner>
      )}
      <ItemVersionNote />
      {c.status === 'queued' && <Banner tone="info">已提交，等待联网同步到乡镇。同步前可以“撤回修改”。</Banner>}
      {outbox && (
        <Banner tone="danger">
          {outbox.state === 'rejected' ? '乡镇拒收：' : '同步失败：'}
          {outbox.lastError?.message ?? '原因未知'}
        </Banner>
      )}
    </header>
  );
}
