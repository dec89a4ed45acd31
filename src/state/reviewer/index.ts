// The reviewer desk's state: one object per signed-in reviewer, built from the app state's
// session and clock. Screens under src/ui/reviewer read its signals and call its actions.
import { chinaDate } from '../../domain/dates';
import type { AppState } from '../app-state';
import { createBlobUrls } from './blob-urls';
import { createCaseDetailSlice } from './case-detail';
import { createInboxSlice } from './inbox';
import { createRectificationsSlice } from './rectifications';
import { createStatsSlice } from './stats';

export function createReviewerState(app: Pick<AppState, 'session' | 'deps' | 'api'>) {
  const { api } = app;
  const now = () => app.deps.now();
  return {
    blobs: createBlobUrls(api),
    inbox: createInboxSlice(api),
    caseDetail: createCaseDetailSlice(api, () => app.session.value?.user.id ?? '', now),
    rectifications: createRectificationsSlice(api),
    stats: createStatsSlice(api, () => chinaDate(now())),
  };
}
export type ReviewerState = ReturnType<typeof createReviewerState>;
