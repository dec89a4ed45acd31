// Opening a case from the list (issue 13): its reads start with the tap, while the list is torn
// down and the workbench is drawn, instead of from the workbench's first render. The reader
// lives in the workbench's chunk (state/workbench/open.ts), which provides it once loaded; the
// list (first screen) only calls it. Before the chunk is loaded a tap reads nothing early.
import type { Case } from '../domain';
import type { AppState } from './app-state';

/** The case as the caller knows it: its people are read beside it. */
export type KnownCase = Pick<Case, 'id' | 'applicantId' | 'entrusterId'>;
type EarlyReader = (state: AppState, c: KnownCase) => void;
let reader: EarlyReader | undefined;

export const provideEarlyCaseRead = (r: EarlyReader): void => {
  reader = r;
};

/** A case is about to be opened (its card was tapped): start reading it. */
export const readCaseEarly = (state: AppState, c: KnownCase): void => reader?.(state, c);

let changedElsewhere = 0;

/** Cases were changed in storage by sync (a pull, a restore): a read begun before is stale. */
export const casesChangedElsewhere = (): void => {
  changedElsewhere++;
};

/** Counts those changes: a read keeps the count it began at. */
export const elsewhereChanges = (): number => changedElsewhere;
