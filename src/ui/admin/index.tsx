// The county admin's desk: users, divisions and the service catalogue. Desktop work in its own chunk (agents' tablets
// never load it); its pages are the app router's `admin` route (src/state/router.ts).
import { useMemo } from 'preact/hooks';
import { formatRoute, type AdminPage } from '../../state';
import { createAdminState } from '../../state/admin';
import { useAppState } from '../app/context';
import { UsersScreen } from './users';
import { DivisionsScreen } from './divisions';
import { CatalogScreen } from './catalog';
import { HolidaysScreen } from './holidays';
import { calendarCovers, missingNextYear } from '../../domain/calendar';
import { calendarRevision } from '../../state/holiday-calendar';
import { Banner } from '../components/banner';
import '../reviewer/reviewer.css';
import './admin.css';

const TABS: { page: AdminPage; label: string }[] = [
  { page: { name: 'users' }, label: '用户' },
  { page: { name: 'divisions' }, label: '行政区划' },
  { page: { name: 'catalog' }, label: '事项清单' },
  { page: { name: 'holidays' }, label: '节假日' },
];

export function AdminApp() {
  const app = useAppState();
  const state = useMemo(() => createAdminState(app.api), [app]);
  const route = app.router.route.value;
  const page: AdminPage = route.name === 'admin' ? route.page : { name: 'users' };
  const visit = app.router.visits.value;
  void calendarRevision.value; // the warning goes once next year's arrangement arrives
  const missing = missingNextYear(app.today.value, calendarCovers);
  return (
    <div class="reviewer-desk admin-desk">
      <nav class="desk-tabs no-print" aria-label="管理工作台">
        {TABS.map((t) => (
          <a
            key={t.page.name}
            href={formatRoute({ name: 'admin', page: t.page })}
            class={`desk-tab${page.name === t.page.name ? ' desk-tab--on' : ''}`}
            aria-current={page.name === t.page.name ? 'page' : undefined}
          >
            {t.label}
          </a>
        ))}
        <a class="desk-tab" href={formatRoute({ name: 'review', page: { name: 'inbox' } })}>
          审核台
        </a>
        <span class="desk-tabs__who">县级管理员（{app.user.value?.countyName ?? app.user.value?.countyCode}）</span>
      </nav>
      {missing !== undefined && page.name !== 'holidays' && (
        <Banner tone="warning">
          尚未录入{missing}年节假日安排，跨入{missing}年的办理期限只按周一至周五计算。
          <a href={formatRoute({ name: 'admin', page: { name: 'holidays' } })}>去录入</a>
        </Banner>
      )}
      {page.name === 'users' && <UsersScreen state={state} visit={visit} />}
      {page.name === 'divisions' && <DivisionsScreen state={state} visit={visit} />}
      {page.name === 'catalog' && <CatalogScreen visit={visit} />}
      {page.name === 'holidays' && <HolidaysScreen api={app.api} visit={visit} today={app.today.value} />}
    </div>
  );
}
