// Issue 13: a screen's first opening fetched, parsed and ran its chunk (and the rules engine, the
// catalogue, the profile form …) after the tap, at 4× slowdown seconds on the tablet. Once the
// first screen is up, the agent's next screens are loaded while the page is idle, one chunk per
// idle period, so each later tap only reads its data and draws. The service worker precaches the
// same chunks, so this works offline too; a failed load (an update while offline) is left for the
// screen's own retry.
import { h, type Attributes, type ComponentType } from 'preact';
import type { AppState } from '../../state/app-state';
import { openableItems } from '../../state/catalog-lookup';
import { indexItems, loadPinyin } from '../../state/item-search';
import { longIdle } from './long-idle';
import { rehearseHidden } from './rehearse';
import { NEW_CASE, PERSON_EDIT, PERSON_LIST, SETTINGS, SYNC_STATUS, WORKBENCH } from './screen-chunks';

/** Draws a screen once hidden (rehearse.ts), in the idle period after its chunk, unless it is on
 *  screen now (`onScreen` finds it: its title, or its form inside another screen). */
const rehearsal =
  <P>(state: AppState, load: () => Promise<ComponentType<P>>, onScreen: string, props: P) =>
  async (): Promise<void> => {
    const Screen = await load();
    if (!document.querySelector(onScreen))
      rehearseHidden(state, state.session.value?.user.id, h(Screen, props as P & Attributes));
  };

/** The agent's screens, most likely first: a case (workbench), 新建办件, profiles, settings. Each
 *  through the Chunk its lazy wrapper reads, so a preloaded screen draws in its first render. */
const agentScreens = (state: AppState): (() => Promise<unknown>)[] => [
  WORKBENCH.load,
  // The workbench drawn once hidden, so the first case the agent opens draws close to a second one.
  // A chunk that cannot load stops the preload, as for the rest; a rehearsal that fails is only none.
  () => import('../screens/workbench/rehearsal').then((m) => m.rehearseWorkbench(state, longIdle)),
  NEW_CASE.load,
  // 新建办件 drawn once hidden as well, blank (its item list and the person picker; the profile form
  // is not drawn).
  rehearsal(state, NEW_CASE.load, '#new-case-title', { personId: undefined }),
  PERSON_LIST.load,
  PERSON_EDIT.load,
  // The profile form, blank (the screens themselves start their reads in layout effects, which a
  // rehearsal would run).
  rehearsal(
    state,
    () => import('../screens/person-edit').then((m) => m.PersonFormRehearsal),
    '#person-title, form.person-form',
    {},
  ),
  SETTINGS.load,
  // 设置 too: it reads nothing as it is drawn (its storage figures come in a passive effect, which a
  // rehearsal never runs).
  rehearsal(state, SETTINGS.load, '#settings-title', {}),
  SYNC_STATUS.load,
  // Pinyin search of the catalogue (新建办件) and of profiles: pinyin-pro's ~0.3 s start, then the
  // catalogue's pinyin keys, each in an idle period of its own.
  () => loadPinyin(),
  async () => indexItems(openableItems(), await loadPinyin()),
];

/** Loads the agent's screens one at a time, each in a long idle period (never between the frames
 *  of a scroll: long-idle.ts; the workbench's rehearsal takes three). Only from the service
 *  worker's cache: on a first visit the worker is still downloading the same files, and a village
 *  link should not carry them twice. */
export async function preloadAgentScreens(state: AppState): Promise<void> {
  if (!navigator.serviceWorker?.controller) return;
  for (const load of agentScreens(state)) {
    await longIdle();
    try {
      await load();
    } catch {
      return; // not reachable now: each screen fetches again when opened
    }
  }
}
