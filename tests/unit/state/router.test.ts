import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../../src/state/router';

describe('hash routes', () => {
  const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  const routes: Route[] = [
    { name: 'login' }, { name: 'cases' }, { name: 'case-new' }, { name: 'case-new', personId: id },
    { name: 'case', id }, { name: 'case-notice', id }, { name: 'case-receipt', id },
    { name: 'persons' }, { name: 'person-new' }, { name: 'person', id }, { name: 'sync' }, { name: 'settings' }, { name: 'review' },
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
  it('hands every #/review path to the reviewer desk', () => {
    expect(parseRoute('#/review/cases/abc/slip')).toEqual({ name: 'review' });
    expect(parseRoute('#/review/stats')).toEqual({ name: 'review' });
    expect(parseRoute('#/reviewer')).toEqual({ name: 'not-found', path: '/reviewer' });
  });
  it('does not read "new" as a case id', () => {
    expect(parseRoute('#/cases/new').name).toBe('case-new');
  });
});
