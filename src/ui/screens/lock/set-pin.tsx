// Choose a 6-digit PIN for quick offline unlocking (from the prompt after a password login, or
// from 设置). Optional: the password always unlocks.
import { useSignal } from '@preact/signals';
import { useAppState } from '../../app/context';
import { setDevicePin, showPinSetup } from '../../../state/device-key';
import { Button } from '../../components/button';
import { Banner } from '../../components/banner';
import { PinPad } from './pin-pad';
import './lock.css';

const HOURS = (ms: number) => Math.round(ms / 3_600_000);

export function SetPinScreen({ windowMs }: { windowMs: number }) {
  const state = useAppState();
  const first = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  const onPin = async (pin: string) => {
    if (first.value === null) {
      first.value = pin;
      error.value = null;
      return;
    }
    if (pin !== first.value) {
      first.value = null;
      error.value = '两次输入的锁屏密码不一致，请重新设置';
      return;
    }
    busy.value = true;
    try {
      await setDevicePin(state, pin);
      state.toast.value = { tone: 'success', text: '锁屏密码已设置', at: state.deps.now() };
    } catch (e) {
      first.value = null;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  };

  return (
    <main id="main" class="lock card stack" aria-labelledby="set-pin-title">
      <h1 id="set-pin-title">设置锁屏密码</h1>
      <p class="muted">
        应用闲置一段时间后会自动锁定。设置 6 位数字的锁屏密码，没有信号也能快速解锁。登录满 {HOURS(windowMs)}{' '}
        小时后需要用登录密码解锁一次。
      </p>
      {error.value && <Banner tone="danger">{error.value}</Banner>}
      <PinPad
        key={first.value === null ? 'first' : 'again'}
        label={first.value === null ? '请输入 6 位锁屏密码' : '请再输入一次'}
        disabled={busy.value}
        onComplete={(pin) => void onPin(pin)}
      />
      <Button block onClick={() => showPinSetup(state, false)}>
        取消
      </Button>
    </main>
  );
}
