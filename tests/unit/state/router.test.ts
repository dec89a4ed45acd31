import { describe, expect, it } from 'vitest';
import { createRouter, formatRoute, parseRoute, type ReviewPage, type Route } from '../../../src/state/router';

describe('hash routes', () => {
  const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  const pages: ReviewPage[] = [
    { name: 'inbox' },
    { name: 'case', id },
    { name: 'slip', id },
    { name: 'rectifications' },
    { name: 'stats' },
  ];
  const routes: Route[] = [
    { name: 'login' },
    { name: 'cases' },
    { name: 'case-new' },
    { name: 'case-new', personId: id },
    { name: 'case', id },
    { name: 'case-notice', id },
    { name: 'case-receipt', id },
    { name: 'persons' },
    { name: 'person-new' },
    { name: 'person', id },
    { name: 'sync' },
    { name: 'settings' },
    ...pages.map((page): Route => ({ name: 'review', page })),
    { name: 'not-found', path: '/nowhere' },
    { name: 'not-found', path: '/review/nowhere' },
  ];
  it.each(routes.map((r) => [formatRoute(r), r] as const))('%s round-trips', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
  it('treats an empty hash as the case list', () => {
    expect(parseRoute('')).toEqual({ name: 'cases' });
    expect(parseRoute('#/')).toEqual({ name: 'cases' });
  });
  it('reports unknown paths instead of guessing', () => {
    expect(parseRoute('#/cases/x/y/z')).toEqual({ name: 'not-found', path: '/cases/x/y/z' });
    expect(parseRoute('#/persons/new/edit')).toEqual({ name: 'not-found', path: '/persons/new/edit' });
  });
  it('does not read "new" as a case id', () => {
    expect(parseRoute('#/cases/new').name).toBe('case-new');
  });
});

describe('reviewer desk routes, nested under #/review', () => {
  it('keeps the desk URLs people have bookmarked', () => {
    expect(parseRoute('#/review')).toEqual({ name: 'review', page: { name: 'inbox' } });
    expect(parseRoute('#/review/')).toEqual({ name: 'review', page: { name: 'inbox' } });
    expect(parseRoute('#/review/cases/abc')).toEqual({ name: 'review', page: { name: 'case', id: 'abc' } });
    expect(parseRoute('#/review/cases/abc/slip')).toEqual({ name: 'review', page: { name: 'slip', id: 'abc' } });
    expect(parseRoute('#/review/rectifications')).toEqual({ name: 'review', page: { name: 'rectifications' } });
    expect(parseRoute('#/review/stats?x=1')).toEqual({ name: 'review', page: { name: 'stats' } });
  });
  it('formats each page under the desk prefix', () => {
    expect(formatRoute({ name: 'review', page: { name: 'inbox' } })).toBe('#/review');
    expect(formatRoute({ name: 'review', page: { name: 'slip', id: 'abc' } })).toBe('#/review/cases/abc/slip');
  });
  it('reports unknown desk paths, and paths that only start like the desk, as not found', () => {
    expect(parseRoute('#/review/cases')).toEqual({ name: 'not-found', path: '/review/cases' });
    expect(parseRoute('#/review/cases/abc/notice')).toEqual({ name: 'not-found', path: '/review/cases/abc/notice' });
    expect(parseRoute('#/reviewer')).toEqual({ name: 'not-found', path: '/reviewer' });
  });
});

/** Just enough of a window for the router: a hash, history that sets it, and events. */
function fakeWindow(hash = '') {
  const events = new EventTarget();
  const pushed: string[] = [];
  const win = {
    location: { hash },
    history: {
      pushState: (_s: unknown, _t: string, url: string) => {
        pushed.push(url);
        win.location.hash = url;
      },
      replaceState: (_s: unknown, _t: string, url: string) => {
        win.location.hash = url;
      },
    },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    /** What the browser does when the user follows a link or goes back. */
    visit(url: string) {
      win.location.hash = url;
      events.dispatchEvent(new Event('hashchange'));
    },
  };
  return { win, pushed };
}

describe('createRouter', () => {
  it('starts from the current hash and follows hashchange, desk pages included', () => {
    const { win } = fakeWindow('#/review/stats');
    const router = createRouter(win as unknown as Window);
    expect(router.route.value).toEqual({ name: 'review', page: { name: 'stats' } });
    win.visit('#/review/cases/abc');
    expect(router.route.value).toEqual({ name: 'review', page: { name: 'case', id: 'abc' } });
    router.dispose();
    win.visit('#/settings');
    expect(router.route.value.name).toBe('review');
  });
  it('pushes the formatted hash and counts every visit, to the same page too', () => {
    const { win, pushed } = fakeWindow('#/review');
    const router = createRouter(win as unknown as Window);
    const before = router.visits.value;
    router.navigate({ name: 'review', page: { name: 'case', id: 'abc' } });
    router.navigate({ name: 'review', page: { name: 'case', id: 'abc' } });
    expect(pushed).toEqual(['#/review/cases/abc']);
    expect(router.visits.value).toBe(before + 2);
    win.visit('#/review');
    expect(router.route.value).toEqual({ name: 'review', page: { name: 'inbox' } });
    expect(router.visits.value).toBe(before + 3);
    router.dispose();
  });
});
