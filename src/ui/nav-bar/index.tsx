import { useAppState } from '../app/context';
import type { Route } from '../../state';
import { Icon, type IconName } from '../components/icon';
import './nav-bar.css';

const LINKS: { href: string; label: string; icon: IconName; match: Route['name'][] }[] = [
  { href: '#/', label: '办件', icon: 'list', match: ['cases', 'case', 'case-notice', 'case-receipt'] },
  { href: '#/cases/new', label: '新建办件', icon: 'plus', match: ['case-new'] },
  { href: '#/persons', label: '群众档案', icon: 'people', match: ['persons', 'person', 'person-new'] },
  { href: '#/sync', label: '同步', icon: 'sync', match: ['sync'] },
  { href: '#/settings', label: '设置', icon: 'gear', match: ['settings'] },
];

const DESK_LINKS: typeof LINKS = [
  { href: '#/review', label: '审核工作台', icon: 'list', match: ['review', 'cases'] },
  { href: '#/settings', label: '设置', icon: 'gear', match: ['settings'] },
];

/** A count on a menu entry: the number, and what it counts (hidden on the phone's tab bar, still read aloud). */
function Badge({ n, unit, bad }: { n: number; unit: string; bad?: boolean }) {
  return (
    <span class={`nav__badge${bad ? ' nav__badge--bad' : ''}`}>
      {n}
      <span class="nav__badge-unit"> {unit}</span>
    </span>
  );
}

/** The main menu: a bar under the header on tablets and desks, a bottom tab bar on phones (nav-bar.css). */
export function NavBar() {
  const state = useAppState();
  const current = state.router.route.value.name;
  const links = state.user.value?.role === 'agent' ? LINKS : DESK_LINKS;
  const pending = state.sync.pending.value ?? 0;
  const problems = state.sync.problems.value.length;
  const returned = state.sync.returned.value ?? 0;
  return (
    <nav class="nav no-print" aria-label="主菜单" style={{ '--nav-links': links.length }}>
      {links.map((l) => (
        <a key={l.href} href={l.href} class="nav__link" aria-current={l.match.includes(current) ? 'page' : undefined}>
          <Icon name={l.icon} />
          <span class="nav__label">{l.label}</span>
          {l.href === '#/' && returned > 0 && <Badge n={returned} unit="件退回" bad />}
          {l.href === '#/sync' &&
            (problems > 0 ? (
              <Badge n={problems} unit="个问题" bad />
            ) : (
              pending > 0 && <Badge n={pending} unit="待同步" />
            ))}
        </a>
      ))}
    </nav>
  );
}
