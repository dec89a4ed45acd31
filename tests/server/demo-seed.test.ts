// The optional demo cases (scripts/seed.ts) go through the real API and fill every reviewer queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startServer, type TestServer } from './harness';
import { seedDemoCases } from '../../scripts/demo/scenarios';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('demo cases', () => {
  it('creates cases in every queue state, scoped to their townships', async () => {
    const rows = await seedDemoCases(s.app, s.clock);
    expect(rows.map((r) => r.status).sort()).toEqual([
      'accepted',
      'accepted_tolerance',
      'delivered',
      'returned',
      'submitted',
      'submitted',
      'submitted',
    ]);
    const reviewer1 = await login(s.app, 'reviewer1');
    const queue = (await s.app.inject({ url: '/api/review/cases', headers: bearer(reviewer1.token) })).json();
    expect(queue.counts).toMatchObject({ total: 6, awaitingReview: 2, overdue: 1, tolerancePending: 1 });
    const reviewer2 = await login(s.app, 'reviewer2');
    expect(
      (await s.app.inject({ url: '/api/review/cases', headers: bearer(reviewer2.token) })).json().counts.total,
    ).toBe(1);
    // The pages are real PNGs the reviewer can open.
    const detail = (
      await s.app.inject({ url: `/api/review/cases/${queue.cases[0].id}`, headers: bearer(reviewer1.token) })
    ).json();
    const page = detail.materials.find((m: { pages: unknown[] }) => m.pages.length > 0).pages[0];
    const img = await s.app.inject({ url: `/api/blobs/${page.sha256}`, headers: bearer(reviewer1.token) });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
  });
});
