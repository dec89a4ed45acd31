// The township reviewer's desk (also the county admin's): inbox, case detail with decisions,
// the 差评整改 desk and statistics. Desktop-first; one component the app shell mounts for
// reviewer and admin sessions. Its pages are the app router's `review` route (src/state/router.ts).
import { useEffect, useMemo } from 'preact/hooks';
import { formatRoute, type ReviewPage, type Route } from '../../state';
import { createReviewerState, type ReviewerState } from '../../state/reviewer';
import { useAppState } from '../app/context';
import { StatsScreen } from '../stats';
import { CaseDetailScreen } from './case-detail';
import { InboxScreen } from './inbox';
import { RectificationsScreen } from './rectifications';
import { SlipScreen } from './slip-screen';
import './reviewer.css';

const INBOX: ReviewPage = { name: 'inbox' };

/** The desk's page: its own routes, and the inbox where the shell sends reviewers from agent screens. */
function deskPage(route: Route): ReviewPage {
  return route.name === 'review' ? route.page : INBOX;
}

const TABS: { page: ReviewPage; label: string }[] = [
  { page: INBOX, label: '收件箱' },
  { page: { name: 'rectifications' }, label: '差评整改' },
  { page: { name: 'stats' }, label: '统计' },
];

export function ReviewerApp() {
  const app = useAppState();
  const state: ReviewerState = useMemo(() => createReviewerState(app), [app]);
  useEffect(() => () => state.blobs.revokeAll(), [state]);
  const page = deskPage(app.router.route.value);
  const visit = app.router.visits.value;
  const go = (to: ReviewPage) => app.router.navigate({ name: 'review', page: to });
  const villageName = (code: string) =>
    state.inbox.list.data.value?.cases.find((c) => c.villageCode === code)?.villageName ?? code;
  const section = page.name === 'case' || page.name === 'slip' ? 'inbox' : page.name;
  return (
    <div class="reviewer-desk">
      <nav class="desk-tabs no-print" aria-label="审核工作台">
        {TABS.map((t) => (
          <a
            key={t.page.name}
            href={formatRoute({ name: 'review', page: t.page })}
            class={`desk-tab${section === t.page.name ? ' desk-tab--on' : ''}`}
            aria-current={section === t.page.name ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              go(t.page);
            }}
          >
            {t.label}
          </a>
        ))}
        {app.user.value?.role === 'admin' && (
          <a class="desk-tab" href={formatRoute({ name: 'admin', page: { name: 'users' } })}>
            用户与区划
          </a>
        )}
        <span class="desk-tabs__who">
          {app.user.value?.role === 'admin' ? '县级管理员（全县）' : '乡镇审核员（本乡镇）'}
        </span>
      </nav>
      {page.name === 'inbox' && (
        <InboxScreen slice={state.inbox} visit={visit} onOpen={(id) => go({ name: 'case', id })} />
      )}
      {page.name === 'case' && (
        <CaseDetailScreen
          state={state}
          id={page.id}
          visit={visit}
          onBack={() => go({ name: 'inbox' })}
          onSlip={() => go({ name: 'slip', id: page.id })}
        />
      )}
      {page.name === 'slip' && (
        <SlipScreen state={state} id={page.id} onBack={() => go({ name: 'case', id: page.id })} />
      )}
      {page.name === 'rectifications' && (
        <RectificationsScreen slice={state.rectifications} visit={visit} villageName={villageName} />
      )}
      {page.name === 'stats' && <StatsScreen slice={state.stats} visit={visit} />}
    </div>
  );
}
