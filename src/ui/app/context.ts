import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppState } from '../../state';

export const AppStateContext = createContext<AppState | null>(null);

/** The app state from the nearest provider (every screen is under <App>). */
export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside <App>');
  return state;
}
