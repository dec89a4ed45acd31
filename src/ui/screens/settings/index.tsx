import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { useAppState } from '../../app/context';
import { logout, unsentCount } from '../../../state/session-actions';
import { refreshStorageInfo, requestPersistence } from '../../../state/storage-info';
import { Button, LinkButton } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { StorageMeter } from './storage-meter';
import { OcrSection } from './ocr-section';
import { ROLE_LABELS } from '../../../domain/state-machine';
import { signOutEverywhere } from '../../../state/sign-out-everywhere';
import { errorMessage } from '../../../net';
import { Banner } from '../../components/banner';
import { lockDevice, showPinSetup } from '../../../state/device-key';
import { showToast } from '../../../state/app-state';

export function SettingsScreen() {
  const state = useAppState();
  const user = state.user.value;
  const confirming = useSignal<'logout' | 'everywhere' | null>(null);
  const unsent = useSignal(0);
  const everywhereError = useSignal<string | null>(null);
  const lock = state.deviceLock.lock.value;
  useEffect(() => {
    void refreshStorageInfo(state);
  }, []);

  /** A failure of these buttons, said in a toast that stays until closed. */
  const failed = (what: string, then: string) => (e: unknown) =>
    showToast(state, 'danger', `${what}（${errorMessage(e)}）。${then}`);
  const ask = async (what: 'logout' | 'everywhere') => {
    // The dialog warns about unsent cases: without their count, it is not offered.
    try {
      unsent.value = await unsentCount();
    } catch (e) {
      failed('没能读取本机还没同步的办件，暂不能退出', '请刷新页面再试。')(e);
      return;
    }
    everywhereError.value = null;
    confirming.value = what;
  };
  const everywhere = confirming.value === 'everywhere';

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
      {user?.role === 'agent' && <OcrSection />}
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
          <Button
            onClick={() => void lockDevice(state).catch(failed('没能锁定', '请刷新页面，代办通会以锁定状态打开。'))}
          >
            立即锁定
          </Button>
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
        <Button variant="danger" onClick={() => void ask('logout')}>
          退出登录并清除本机数据
        </Button>
      </div>
      <div class="card stack">
        <h2>退出所有设备</h2>
        <p class="muted">
          设备丢失或密码可能泄露时使用（需要联网）：这个账号在所有设备上的登录都会结束。其他设备下次联网时，会先发送还没同步的办件，然后清除数据；本机也会退出并清除数据。
        </p>
        <Button variant="danger" onClick={() => void ask('everywhere')}>
          退出所有设备
        </Button>
        {everywhereError.value && <Banner tone="danger">{everywhereError.value}</Banner>}
      </div>
      <ConfirmDialog
        open={confirming.value !== null}
        title={everywhere ? '确定退出所有设备吗？' : '确定退出登录吗？'}
        confirmLabel={everywhere ? '确定退出所有设备' : '确定退出并清除'}
        danger
        onCancel={() => {
          confirming.value = null;
        }}
        onConfirm={() => {
          confirming.value = null;
          if (!everywhere) void logout(state).catch(failed('退出没能完成', '请再试一次。'));
          else
            void signOutEverywhere(state).catch((e: unknown) => {
              everywhereError.value = errorMessage(e);
            });
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
