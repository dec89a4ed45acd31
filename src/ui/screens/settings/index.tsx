import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { useAppState } from '../../app/context';
import { logout, refreshStorageInfo, requestPersistence, unsentCount } from '../../../state';
import { Button, LinkButton } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { StorageMeter } from './storage-meter';
import { ROLE_LABELS } from '../../../domain/state-machine';
import { lockDevice, showPinSetup } from '../../../state/device-key';

export function SettingsScreen() {
  const state = useAppState();
  const user = state.user.value;
  const confirming = useSignal(false);
  const unsent = useSignal(0);
  const lock = state.deviceLock.lock.value;
  useEffect(() => {
    void refreshStorageInfo(state);
  }, []);

  const askLogout = async () => {
    unsent.value = await unsentCount();
    confirming.value = true;
  };

  return (
    <section class="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">设置与关于</h1>
      <div class="card stack">
        <h2>当前用户</h2>
        <dl class="kv">
          <dt>姓名</dt>
          <dd>{user?.name}</dd>
          <dt>身份</dt>
          <dd>{user ? ROLE_LABELS[user.role] : ''}</dd>
          {user?.villageCode && (
            <>
              <dt>村（社区）代码</dt>
              <dd>{user.villageCode}</dd>
            </>
          )}
          <dt>本机编号</dt>
          <dd class="mono">{state.deviceId.value}</dd>
        </dl>
      </div>
      <div class="card stack">
        <h2>本机存储</h2>
        <StorageMeter info={state.storageInfo.value} persisted={state.persisted.value} />
        {state.persisted.value !== true && (
          <Button onClick={() => void requestPersistence(state).then(() => refreshStorageInfo(state))}>
            申请长期保存本机数据
          </Button>
        )}
      </div>
      <div class="card stack">
        <h2>锁屏</h2>
        <p class="muted">
          本机数据已加密。闲置 15 分钟自动锁定；锁定后用 6 位锁屏密码或登录密码解锁。
          {lock.locked ? '' : lock.pin ? '已设置锁屏密码。' : '还没有设置锁屏密码。'}
        </p>
        <div class="row">
          <Button
            onClick={() => {
              showPinSetup(state, true);
            }}
          >
            {!lock.locked && lock.pin ? '修改锁屏密码' : '设置锁屏密码'}
          </Button>
          <Button onClick={() => void lockDevice(state)}>立即锁定</Button>
        </div>
      </div>
      <div class="card stack">
        <h2>修改密码</h2>
        <p class="muted">需要联网，并输入当前密码。</p>
        <LinkButton href="#/password">修改密码</LinkButton>
      </div>
      <div class="card stack">
        <h2>重新登录</h2>
        <p class="muted">登录过期、无法同步时使用：本机的档案和办件都会保留。</p>
        <LinkButton href="#/login">重新登录</LinkButton>
      </div>
      <div class="card stack">
        <h2>退出登录</h2>
        <p class="muted">退出后，本机上这个账号的群众档案、办件和照片都会被清除。</p>
        <Button variant="danger" onClick={() => void askLogout()}>
          退出登录并清除本机数据
        </Button>
      </div>
      <ConfirmDialog
        open={confirming.value}
        title="确定退出登录吗？"
        confirmLabel="确定退出并清除"
        danger
        onCancel={() => {
          confirming.value = false;
        }}
        onConfirm={() => {
          confirming.value = false;
          void logout(state);
        }}
      >
        {unsent.value > 0 ? (
          <p class="warn-text">
            <strong>还有 {unsent.value} 条记录没有同步到乡镇！</strong>现在退出，这些办件会丢失。建议先联网同步。
          </p>
        ) : (
          <p>所有办件都已同步。退出后本机数据会被清除。</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
