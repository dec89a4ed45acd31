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

export function NavBar() {
  const state = useAppState();
  const current = state.router.route.value.name;
  const links = state.user.value?.role === 'agent' ? LINKS : DESK_LINKS;
  const pending = state.sync.pending.value ?? 0;
  const problems = state.sync.problems.value.length;
  return (
    <nav class="nav no-print" aria-label="主菜单">
      {links.map((l) => (
        <a key={l.href} href={l.href} class="nav__link" aria-current={l.match.includes(current) ? 'page' : undefined}>
          <Icon name={l.icon} />
          {l.label}
          {l.href === '#/sync' && (pending > 0 || problems > 0) && (
            <span class={`nav__badge${problems ? ' nav__badge--bad' : ''}`}>
              {problems ? `${problems} 个问题` : `${pending} 待同步`}
            </span>
          )}
        </a>
      ))}
    </nav>
  );
}
