// Hash routing (`#/cases/…`): works from the precached index.html on any path, offline, and
// needs no server rewrite. Parse and format are pure; `createRouter` binds them to the window.
import { signal, type ReadonlySignal } from '@preact/signals';

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
  /** The reviewer desk (src/ui/reviewer) owns everything under `#/review`. */
  | { name: 'review' }
  | { name: 'not-found'; path: string };

const ID = '([0-9a-zA-Z-]{1,64})';
const PATTERNS: [RegExp, (m: RegExpExecArray, q: URLSearchParams) => Route][] = [
  [/^\/?$/, () => ({ name: 'cases' })],
  [/^\/login$/, () => ({ name: 'login' })],
  [/^\/cases$/, () => ({ name: 'cases' })],
  [/^\/cases\/new$/, (_m, q) => (q.get('person') ? { name: 'case-new', personId: q.get('person')! } : { name: 'case-new' })],
  [new RegExp(`^/cases/${ID}/notice$`), (m) => ({ name: 'case-notice', id: m[1]! })],
  [new RegExp(`^/cases/${ID}/receipt$`), (m) => ({ name: 'case-receipt', id: m[1]! })],
  [new RegExp(`^/cases/${ID}$`), (m) => ({ name: 'case', id: m[1]! })],
  [/^\/persons$/, () => ({ name: 'persons' })],
  [/^\/persons\/new$/, () => ({ name: 'person-new' })],
  [new RegExp(`^/persons/${ID}$`), (m) => ({ name: 'person', id: m[1]! })],
  [/^\/sync$/, () => ({ name: 'sync' })],
  [/^\/settings$/, () => ({ name: 'settings' })],
  [/^\/review(\/.*)?$/, () => ({ name: 'review' })],
];

/** `#/cases/abc?x=1` (or without `#`) → Route. Unknown paths give `not-found`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const q = new URLSearchParams(query);
  for (const [re, make] of PATTERNS) {
    const m = re.exec(path);
    if (m) return make(m, q);
  }
  return { name: 'not-found', path };
}

/** Route → `#/…`; parseRoute(formatRoute(r)) deep-equals r. */
export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'login': return '#/login';
    case 'cases': return '#/';
    case 'case-new': return route.personId ? `#/cases/new?person=${encodeURIComponent(route.personId)}` : '#/cases/new';
    case 'case': return `#/cases/${route.id}`;
    case 'case-notice': return `#/cases/${route.id}/notice`;
    case 'case-receipt': return `#/cases/${route.id}/receipt`;
    case 'persons': return '#/persons';
    case 'person-new': return '#/persons/new';
    case 'person': return `#/persons/${route.id}`;
    case 'sync': return '#/sync';
    case 'settings': return '#/settings';
    case 'review': return '#/review';
    case 'not-found': return `#${route.path}`;
  }
}

export interface Router {
  route: ReadonlySignal<Route>;
  navigate: (route: Route, opts?: { replace?: boolean }) => void;
  dispose: () => void;
}

/** Keeps a `route` signal in step with `location.hash`. */
export function createRouter(win: Window = window): Router {
  const route = signal<Route>(parseRoute(win.location.hash));
  const onHash = () => { route.value = parseRoute(win.location.hash); };
  win.addEventListener('hashchange', onHash);
  return {
    route,
    navigate(next, opts) {
      const hash = formatRoute(next);
      if (opts?.replace) win.history.replaceState(null, '', hash);
      else if (win.location.hash !== hash) win.history.pushState(null, '', hash);
      route.value = next;
      win.scrollTo?.(0, 0);
    },
    dispose: () => win.removeEventListener('hashchange', onHash),
  };
}
