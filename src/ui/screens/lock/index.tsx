// The lock screen: who is signed in, a PIN pad (within the PIN window) and the password as the
// way that always works offline. Also the one-time "protect this device" step of a device that
// was signed in before encryption at rest (enroll: the password creates the data key).
import { useSignal } from '@preact/signals';
import { useAppState } from '../../app/context';
import { unlockWithPassword, unlockWithPin } from '../../../state/device-key';
import { PasswordField } from '../../components/field';
import { Button } from '../../components/button';
import { Banner } from '../../components/banner';
import { PinPad } from './pin-pad';
import './lock.css';

export function LockScreen() {
  const state = useAppState();
  const lock = state.deviceLock.lock.value;
  const usePassword = useSignal(false);
  const password = useSignal('');
  const again = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  if (!lock.locked) return null;
  const enroll = lock.enroll === true;
  const pinMode = lock.pin && !enroll && !usePassword.value;

  const run = async (action: () => Promise<void>) => {
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  };

  const submitPassword = (e: Event) => {
    e.preventDefault();
    if (!password.value) {
      error.value = '请输入登录密码';
      return;
    }
    if (enroll && password.value !== again.value) {
      error.value = '两次输入的密码不一致';
      return;
    }
    void run(async () => {
      await unlockWithPassword(state, password.value);
      password.value = again.value = '';
    });
  };

  return (
    <main id="main" class="lock card stack" aria-labelledby="lock-title">
      <h1 id="lock-title">{enroll ? '保护本机数据' : '代办通已锁定'}</h1>
      <p class="lock__who">
        当前用户：<strong>{lock.owner.name}</strong>
        {lock.owner.username && `（${lock.owner.username}）`}
      </p>
      {enroll ? (
        <p class="muted">新版本会把本机的群众信息和照片加密保存。请输入您的登录密码（不需要联网），以后解锁也用它。</p>
      ) : (
        <p class="muted" role="status">
          已锁定，解锁后同步。本机的档案和办件都已加密保存。
        </p>
      )}
      {state.deviceLock.syncLocked.value && !enroll && (
        <Banner tone="info">后台同步在等待：解锁后会自动把未同步的办件发出。</Banner>
      )}
      {error.value && <Banner tone="danger">{error.value}</Banner>}
      {pinMode ? (
        <>
          <PinPad
            label="请输入 6 位锁屏密码"
            disabled={busy.value}
            onComplete={(pin) => void run(() => unlockWithPin(state, pin))}
          />
          {busy.value && <p role="status">正在解锁……</p>}
          <Button
            block
            onClick={() => {
              usePassword.value = true;
              error.value = null;
            }}
          >
            忘记锁屏密码？用登录密码解锁
          </Button>
        </>
      ) : (
        <form class="stack" onSubmit={submitPassword} noValidate>
          <PasswordField label="登录密码" value={password} autoComplete="current-password" />
          {enroll && <PasswordField label="再次输入登录密码" value={again} autoComplete="current-password" />}
          <Button type="submit" variant="primary" block disabled={busy.value}>
            {busy.value ? '正在解锁……' : enroll ? '加密并继续' : '解锁'}
          </Button>
          {lock.pin && !enroll && (
            <Button
              block
              onClick={() => {
                usePassword.value = false;
                error.value = null;
              }}
            >
              用锁屏密码解锁
            </Button>
          )}
        </form>
      )}
    </main>
  );
}
