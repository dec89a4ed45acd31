import type { AppState } from '../../state';
import { AppStateContext } from './context';
import { Shell } from '../shell';
import { RouteView } from './route-view';
import { LockScreen } from '../screens/lock';
import { keyring } from '../../state/device-key';
import { lazyScreen } from './lazy-screen';
import { PinOffer } from '../screens/lock/pin-offer';

// Not on the first screen: the set-PIN screen arrives when the agent opens it (own chunk).
const SetPinScreen = lazyScreen(() => import('../screens/lock/set-pin').then((m) => m.SetPinScreen), '设置锁屏密码');

/** Root: provides the state; the lock screen while the device is locked (the database waits for
 *  the key), the login screen until a session exists, then the shell. */
export function App({ state }: { state: AppState }) {
  const lock = state.deviceLock.lock.value;
  return (
    <AppStateContext.Provider value={state}>
      {lock.locked ? (
        <LockScreen />
      ) : lock.settingPin && state.session.value ? (
        <SetPinScreen windowMs={keyring().policy.pinWindowMs} />
      ) : !state.booted.value ? (
        <main class="boot" aria-busy="true">
          <h1>代办通</h1>
          <p>正在打开……</p>
        </main>
      ) : (
        <Shell>
          {lock.offerPin && state.session.value?.user.role === 'agent' && <PinOffer />}
          <RouteView />
        </Shell>
      )}
    </AppStateContext.Provider>
  );
}
