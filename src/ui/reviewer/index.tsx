// The township reviewer's desk (also the county admin's): inbox, case detail with decisions,
// the 差评整改 desk and statistics. Desktop-first; one component the app shell mounts for
// reviewer and admin sessions. Its pages live under `#/review/…` (src/state/reviewer/routes.ts).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createReviewerState, type ReviewerState } from '../../state/reviewer';
import { formatReviewRoute, parseReviewRoute, type ReviewRoute } from '../../state/reviewer/routes';
import { useAppState } from '../app/context';
import { StatsScreen } from '../stats';
import { CaseDetailScreen } from './case-detail';
import { InboxScreen } from './inbox';
import { RectificationsScreen } from './rectifications';
import { SlipScreen } from './slip-screen';
import './reviewer.css';

/** The desk's route, and a visit counter that changes on every navigation (pages reload on it). */
function useReviewRoute(): [ReviewRoute, number, (r: ReviewRoute) => void] {
  const [route, setRoute] = useState(() => parseReviewRoute(location.hash));
  const [visit, setVisit] = useState(0);
  useEffect(() => {
    const onHash = () => { setRoute(parseReviewRoute(location.hash)); setVisit((v) => v + 1); };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const go = (r: ReviewRoute) => {
    const hash = formatReviewRoute(r);
    if (location.hash !== hash) history.pushState(null, '', hash);
    setRoute(r);
    setVisit((v) => v + 1);
    scrollTo?.(0, 0);
  };
  return [route, visit, go];
}

const TABS: { route: ReviewRoute; label: string }[] = [
  { route: { name: 'inbox' }, label: '收件箱' },
  { route: { name: 'rectifications' }, label: '差评整改' },
  { route: { name: 'stats' }, label: '统计' },
];

export function ReviewerApp() {
  const app = useAppState();
  const state: ReviewerState = useMemo(() => createReviewerState(app), [app]);
  useEffect(() => () => state.blobs.revokeAll(), [state]);
  const [route, visit, go] = useReviewRoute();
  const villageName = (code: string) => state.inbox.list.data.value?.cases.find((c) => c.villageCode === code)?.villageName ?? code;
  const section = route.name === 'case' || route.name === 'slip' ? 'inbox' : route.name;
  return (
    <div class="reviewer-desk">
      <nav class="desk-tabs no-print" aria-label="审核工作台">
        {TABS.map((t) => (
          <a
            key={t.route.name}
            href={formatReviewRoute(t.route)}
            class={`desk-tab${section === t.route.name ? ' desk-tab--on' : ''}`}
            aria-current={section === t.route.name ? 'page' : undefined}
            onClick={(e) => { e.preventDefault(); go(t.route); }}
          >
            {t.label}
          </a>
        ))}
        <span class="desk-tabs__who">{app.user.value?.role === 'admin' ? '县级管理员（全县）' : '乡镇审核员（本乡镇）'}</span>
      </nav>
      {route.name === 'inbox' && <InboxScreen slice={state.inbox} visit={visit} onOpen={(id) => go({ name: 'case', id })} />}
      {route.name === 'case' && <CaseDetailScreen state={state} id={route.id} visit={visit} onBack={() => go({ name: 'inbox' })} onSlip={() => go({ name: 'slip', id: route.id })} />}
      {route.name === 'slip' && <SlipScreen state={state} id={route.id} onBack={() => go({ name: 'case', id: route.id })} />}
      {route.name === 'rectifications' && <RectificationsScreen slice={state.rectifications} visit={visit} villageName={villageName} />}
      {route.name === 'stats' && <StatsScreen slice={state.stats} visit={visit} />}
    </div>
  );
}
