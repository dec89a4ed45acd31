// The reviewer desk's state: one object per signed-in reviewer, built from the app state's
// session and clock. Screens under src/ui/reviewer read its signals and call its actions.
import { chinaDate } from '../../domain/dates';
import type { AppState } from '../app-state';
import { createBlobUrls } from './blob-urls';
import { createCaseDetailSlice } from './case-detail';
import type { HttpDeps } from './http';
import { createInboxSlice } from './inbox';
import { createRectificationsSlice } from './rectifications';
import { createStatsSlice } from './stats';

export function createReviewerState(app: Pick<AppState, 'session' | 'deps'>) {
  const http: HttpDeps = { fetch: (...args) => app.deps.fetch(...args), token: () => app.session.value?.token };
  const now = () => app.deps.now();
  return {
    http,
    blobs: createBlobUrls(http),
    inbox: createInboxSlice(http),
    caseDetail: createCaseDetailSlice(http, () => app.session.value?.user.id ?? '', now),
    rectifications: createRectificationsSlice(http),
    stats: createStatsSlice(http, () => chinaDate(now())),
  };
}
export type ReviewerState = ReturnType<typeof createReviewerState>;
