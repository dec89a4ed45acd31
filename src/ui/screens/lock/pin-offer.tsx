// The step after a password login: a prompt above the screen to set a lock-screen PIN. It does
// not block the work (the agent may be in front of a villager); "以后再说" dismisses it.
import { useAppState } from '../../app/context';
import { showPinSetup } from '../../../state/device-key';
import { Button } from '../../components/button';
import './lock.css';

export function PinOffer() {
  const state = useAppState();
  return (
    <section class="card stack no-print pin-offer" aria-labelledby="pin-offer-title" data-testid="pin-offer">
      <h2 id="pin-offer-title">设置锁屏密码？</h2>
      <p>应用闲置后会自动锁定。设置 6 位数字锁屏密码，没有信号时也能快速解锁。</p>
      <div class="row">
        <Button variant="primary" onClick={() => showPinSetup(state, true)}>
          设置锁屏密码
        </Button>
        <Button onClick={() => showPinSetup(state, false)}>以后再说</Button>
      </div>
    </section>
  );
}
