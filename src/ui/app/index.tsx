import type { AppState } from '../../state';
import { AppStateContext } from './context';
import { Shell } from '../shell';
import { RouteView } from './route-view';

/** Root: provides the state; the login screen until a session exists, then the shell. */
export function App({ state }: { state: AppState }) {
  return (
    <AppStateContext.Provider value={state}>
      {!state.booted.value ? (
        <main class="boot" aria-busy="true">
          <h1>代办通</h1>
          <p>正在打开……</p>
        </main>
      ) : (
        <Shell>
          <RouteView />
        </Shell>
      )}
    </AppStateContext.Provider>
  );
}
