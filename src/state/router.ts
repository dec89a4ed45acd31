// Hash routing (`#/cases/…`): works from the precached index.html on any path, offline, and
// needs no server rewrite. Parse and format are pure; `createRouter` binds them to the window.
import { batch, signal, type ReadonlySignal } from '@preact/signals';

/** Pages of the reviewer desk (src/ui/reviewer), nested under `#/review`. */
export type ReviewPage =
  | { name: 'inbox' }
  | { name: 'case'; id: string }
  | { name: 'slip'; id: string }
  | { name: 'rectifications' }
  | { name: 'stats' };

/** Pages of the county admin's desk (src/ui/admin), nested under `#/admin`. */
export type AdminPage = { name: 'users' } | { name: 'divisions' } | { name: 'catalog' } | { name: 'holidays' };

export type Route =
  | { name: 'login' }
  | { name: 'cases' }
  | { name: 'case-new'; personId?: string }
  | { name: 'case'; id: string }
  | { name: 'case-notice'; id: string }
  | { name: 'case-receipt'; id: string }
  | { name: 'persons' }
  | { name: 'person-new' }
  | { name: 'person'; id: string }
  | { name: 'sync' }
  | { name: 'settings' }
  /** Change one's own password (forced after a one-time password). */
  | { name: 'password' }
  /** A section with pages of its own nests them: `#/review/…` (an admin section would be `#/admin/…`). */
  | { name: 'review'; page: ReviewPage }
  | { name: 'admin'; page: AdminPage }
  | { name: 'not-found'; path: string };

type Table<R> = [RegExp, (m: RegExpExecArray, q: URLSearchParams) => R | null][];

function match<R>(table: Table<R>, path: string, q: URLSearchParams): R | null {
  for (const [re, make] of table) {
    const m = re.exec(path);
    if (m) return make(m, q);
  }
  return null;
}

/** `/prefix` and everything under it, matched against the section's own table; no page there → null. */
function nested<P>(prefix: string, pages: Table<P>, make: (page: P) => Route): Table<Route>[number] {
  return [
    new RegExp(`^${prefix}(/.*)?$`),
    (m, q) => {
      const page = match(pages, m[1] ?? '', q);
      return page ? make(page) : null;
    },
  ];
}

const ID = '([0-9a-zA-Z-]{1,64})';

/** Matched against the path after `/review`. */
const REVIEW_PAGES: Table<ReviewPage> = [
  [/^\/?$/, () => ({ name: 'inbox' })],
  [new RegExp(`^/cases/${ID}$`), (m) => ({ name: 'case', id: m[1]! })],
  [new RegExp(`^/cases/${ID}/slip$`), (m) => ({ name: 'slip', id: m[1]! })],
  [/^\/rectifications$/, () => ({ name: 'rectifications' })],
  [/^\/stats$/, () => ({ name: 'stats' })],
];

/** Matched against the path after `/admin`. */
const ADMIN_PAGES: Table<AdminPage> = [
  [/^\/?$/, () => ({ name: 'users' })],
  [/^\/divisions$/, () => ({ name: 'divisions' })],
  [/^\/catalog$/, () => ({ name: 'catalog' })],
  [/^\/holidays$/, () => ({ name: 'holidays' })],
];

const ROUTES: Table<Route> = [
  [/^\/?$/, () => ({ name: 'cases' })],
  [/^\/login$/, () => ({ name: 'login' })],
  [/^\/cases$/, () => ({ name: 'cases' })],
  [
    /^\/cases\/new$/,
    (_m, q) => (q.get('person') ? { name: 'case-new', personId: q.get('person')! } : { name: 'case-new' }),
  ],
  [new RegExp(`^/cases/${ID}/notice$`), (m) => ({ name: 'case-notice', id: m[1]! })],
  [new RegExp(`^/cases/${ID}/receipt$`), (m) => ({ name: 'case-receipt', id: m[1]! })],
  [new RegExp(`^/cases/${ID}$`), (m) => ({ name: 'case', id: m[1]! })],
  [/^\/persons$/, () => ({ name: 'persons' })],
  [/^\/persons\/new$/, () => ({ name: 'person-new' })],
  [new RegExp(`^/persons/${ID}$`), (m) => ({ name: 'person', id: m[1]! })],
  [/^\/sync$/, () => ({ name: 'sync' })],
  [/^\/settings$/, () => ({ name: 'settings' })],
  [/^\/password$/, () => ({ name: 'password' })],
  nested('/review', REVIEW_PAGES, (page) => ({ name: 'review', page })),
  nested('/admin', ADMIN_PAGES, (page) => ({ name: 'admin', page })),
];

/** `#/cases/abc?x=1` (or without `#`) → Route. Unknown paths, in a section too, give `not-found`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  return match(ROUTES, path, new URLSearchParams(query)) ?? { name: 'not-found', path };
}

function formatReviewPage(page: ReviewPage): string {
  switch (page.name) {
    case 'inbox':
      return '';
    case 'case':
      return `/cases/${page.id}`;
    case 'slip':
      return `/cases/${page.id}/slip`;
    case 'rectifications':
      return '/rectifications';
    case 'stats':
      return '/stats';
  }
}

/** Route → `#/…`; parseRoute(formatRoute(r)) deep-equals r. */
export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'login':
      return '#/login';
    case 'cases':
      return '#/';
    case 'case-new':
      return route.personId ? `#/cases/new?person=${encodeURIComponent(route.personId)}` : '#/cases/new';
    case 'case':
      return `#/cases/${route.id}`;
    case 'case-notice':
      return `#/cases/${route.id}/notice`;
    case 'case-receipt':
      return `#/cases/${route.id}/receipt`;
    case 'persons':
      return '#/persons';
    case 'person-new':
      return '#/persons/new';
    case 'person':
      return `#/persons/${route.id}`;
    case 'sync':
      return '#/sync';
    case 'settings':
      return '#/settings';
    case 'password':
      return '#/password';
    case 'review':
      return `#/review${formatReviewPage(route.page)}`;
    case 'admin':
      return route.page.name === 'users' ? '#/admin' : `#/admin/${route.page.name}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export interface Router {
  /** The one route of the page: agent screens, and the reviewer desk's pages nested in `review`. */
  route: ReadonlySignal<Route>;
  /** Counts navigations, to the same route too: a page that reloads on every entry keys on it. */
  visits: ReadonlySignal<number>;
  navigate: (route: Route, opts?: { replace?: boolean }) => void;
  dispose: () => void;
}

/** Keeps a `route` signal in step with `location.hash`; the only `hashchange` listener. */
export function createRouter(win: Window = window): Router {
  const route = signal<Route>(parseRoute(win.location.hash));
  const visits = signal(0);
  const enter = (next: Route) =>
    batch(() => {
      route.value = next;
      visits.value++;
    });
  const onHash = () => enter(parseRoute(win.location.hash));
  win.addEventListener('hashchange', onHash);
  return {
    route,
    visits,
    navigate(next, opts) {
      const hash = formatRoute(next);
      if (opts?.replace) win.history.replaceState(null, '', hash);
      else if (win.location.hash !== hash) win.history.pushState(null, '', hash);
      enter(next);
      win.scrollTo?.(0, 0);
    },
    dispose: () => win.removeEventListener('hashchange', onHash),
  };
}
