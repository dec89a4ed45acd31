import type { VNode } from 'preact';
import { useRef } from 'preact/hooks';
import type { Route } from '../../state/router';
import { useAppState } from './context';
import { lazyScreen } from './lazy-screen';
import { NEW_CASE, PERSON_EDIT, PERSON_LIST, SETTINGS, SYNC_STATUS } from './screen-chunks';
import { LoginScreen } from '../screens/login';
import { CaseListScreen } from '../screens/case-list';
import { WorkbenchScreen } from '../screens/workbench';
import { NotFoundScreen } from '../screens/not-found';

// Only login and the case list are needed for the first screen; every other screen is its own
// chunk, fetched on first use (and precached by the service worker, so it opens offline too).
const NewCaseScreen = lazyScreen(NEW_CASE, '新建办件');
const NoticeScreen = lazyScreen(() => import('../screens/notice').then((m) => m.NoticeScreen), '一次性告知单');
const ReceiptScreen = lazyScreen(() => import('../screens/receipt').then((m) => m.ReceiptScreen), '办件回执');
const PersonListScreen = lazyScreen(PERSON_LIST, '群众档案');
const PersonEditScreen = lazyScreen(PERSON_EDIT, '档案');
const SyncStatusScreen = lazyScreen(SYNC_STATUS, '同步状态');
const SettingsScreen = lazyScreen(SETTINGS, '设置');
const SessionEndedScreen = lazyScreen(
  () => import('../screens/session-ended').then((m) => m.SessionEndedScreen),
  '登录已被取消',
);
const ChangePasswordScreen = lazyScreen(
  () => import('../screens/password').then((m) => m.ChangePasswordScreen),
  '修改密码',
);
// The desks are desktop work: agents' tablets never run them, so each is its own chunk.
const ReviewerDesk = lazyScreen(() => import('../reviewer').then((m) => m.ReviewerApp), '审核工作台');
const AdminDesk = lazyScreen(() => import('../admin').then((m) => m.AdminApp), '用户与区划管理');

const AGENT_ONLY: ReadonlySet<string> = new Set([
  'cases',
  'case-new',
  'case',
  'case-notice',
  'case-receipt',
  'persons',
  'person-new',
  'person',
  'sync',
]);

/**
 * Screens a case opens from the list: the list stays mounted beneath them, hidden, so opening a
 * case does not first tear it down and Back shows it at once, where it was (issue 13).
 */
const OVER_THE_LIST: ReadonlySet<string> = new Set(['case', 'case-notice', 'case-receipt']);

/** One screen per route; everything but login needs a session. Reviewers and admins get the desk. */
export function RouteView() {
  const keepList = useRef(false);
  const state = useAppState();
  const route = state.router.route.value;
  const session = state.session.value;
  // The server ended the session while unsent work remains: nothing else until it is dealt with.
  if (session && state.sessionEnd.ended.value) return <SessionEndedScreen />;
  if (!session || route.name === 'login') return <LoginScreen />;
  // A one-time password is changed before anything else (the server refuses the rest anyway).
  if (session.user.mustChangePassword) return <ChangePasswordScreen forced />;
  if (route.name === 'password') return <ChangePasswordScreen />;
  if (route.name === 'admin') return session.user.role === 'admin' ? <AdminDesk /> : <NotFoundScreen path="/admin" />;
  if (route.name === 'review' || (session.user.role !== 'agent' && AGENT_ONLY.has(route.name))) return <ReviewerDesk />;
  const onList = route.name === 'cases';
  if (onList) keepList.current = true;
  else if (!OVER_THE_LIST.has(route.name)) keepList.current = false;
  // The list first, always in the same place: shown or hidden, Preact keeps the same instance.
  return (
    <>
      {keepList.current && <CaseListScreen shown={onList} />}
      {!onList && agentScreen(route)}
    </>
  );
}

/** The agent's screens other than the list. */
type AgentRoute = Exclude<Route, { name: 'login' | 'password' | 'admin' | 'review' | 'cases' }>;

function agentScreen(route: AgentRoute): VNode {
  switch (route.name) {
    case 'case-new':
      return <NewCaseScreen personId={route.personId} />;
    case 'case':
      return <WorkbenchScreen id={route.id} />;
    case 'case-notice':
      return <NoticeScreen id={route.id} />;
    case 'case-receipt':
      return <ReceiptScreen id={route.id} />;
    case 'persons':
      return <PersonListScreen />;
    case 'person-new':
      return <PersonEditScreen key="new" />;
    case 'person':
      return <PersonEditScreen key={route.id} id={route.id} />;
    case 'sync':
      return <SyncStatusScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'not-found':
      return <NotFoundScreen path={route.path} />;
  }
}
