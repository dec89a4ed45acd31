import { useAppState } from './context';
import { LoginScreen } from '../screens/login';
import { CaseListScreen } from '../screens/case-list';
import { NewCaseScreen } from '../screens/new-case';
import { WorkbenchScreen } from '../screens/workbench';
import { NoticeScreen } from '../screens/notice';
import { ReceiptScreen } from '../screens/receipt';
import { PersonListScreen } from '../screens/person-list';
import { PersonEditScreen } from '../screens/person-edit';
import { SyncStatusScreen } from '../screens/sync-status';
import { SettingsScreen } from '../screens/settings';
import { NotFoundScreen } from '../screens/not-found';
import { Lazy } from '../lazy';

// The desk is desktop work: agents' tablets never run it, so it is its own chunk.
const loadDesk = () => import('../reviewer').then((m) => m.ReviewerApp);

const AGENT_ONLY: ReadonlySet<string> = new Set(['cases', 'case-new', 'case', 'case-notice', 'case-receipt', 'persons', 'person-new', 'person', 'sync']);

/** One screen per route; everything but login needs a session. Reviewers and admins get the desk. */
export function RouteView() {
  const state = useAppState();
  const route = state.router.route.value;
  const session = state.session.value;
  if (!session || route.name === 'login') return <LoginScreen />;
  if (route.name === 'review' || (session.user.role !== 'agent' && AGENT_ONLY.has(route.name))) return <Lazy load={loadDesk} props={{}} label="审核工作台" />;
  switch (route.name) {
    case 'cases': return <CaseListScreen />;
    case 'case-new': return <NewCaseScreen personId={route.personId} />;
    case 'case': return <WorkbenchScreen id={route.id} />;
    case 'case-notice': return <NoticeScreen id={route.id} />;
    case 'case-receipt': return <ReceiptScreen id={route.id} />;
    case 'persons': return <PersonListScreen />;
    case 'person-new': return <PersonEditScreen />;
    case 'person': return <PersonEditScreen id={route.id} />;
    case 'sync': return <SyncStatusScreen />;
    case 'settings': return <SettingsScreen />;
    case 'not-found': return <NotFoundScreen path={route.path} />;
  }
}
