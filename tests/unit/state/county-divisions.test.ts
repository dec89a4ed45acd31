// The device's copy of the county division list, fetched from the real server over HTTP
// (tests/server/harness.ts) into fake-indexeddb storage, and the person form checking against
// it offline: a code missing from the list is refused with division.unknown's Chinese message,
// no list means structure only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPersonDraft, emptyPersonDraft, savePersonDraft } from '../../../src/state';
import { divisionListFor } from '../../../src/state/county-divisions';
import { DIVISIONS_CHECK_INTERVAL_MS, refreshCountyDivisions } from '../../../src/state/county-divisions-fetch';
import { readCountyDivisions, writeCountyDivisions } from '../../../src/storage/county-divisions';
import { countPersons } from '../../../src/storage';
import { connectSync } from '../../../src/state/sync-wiring';
import { bearer, login, startServer, type TestServer } from '../../server/harness';
import { fakeScheduler } from './fake-scheduler';
import { clock, NOW, useHarness, VILLAGE } from './harness';

let server: TestServer;
let baseUrl = '';
let agentToken = '';
let offline = false;
const statuses: number[] = [];

beforeAll(async () => {
  server = await startServer();
  agentToken = (await login(server.app, 'agent1')).token;
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000); // a real server (PostgreSQL when DAIBAN_TEST_DATABASE_URL is set) among many test files
afterAll(() => server.close());

const h = useHarness(async (url, init) => {
  if (offline) throw new TypeError('Failed to fetch');
  const res = await fetch(`${baseUrl}${String(url)}`, init);
  statuses.push(res.status);
  return res;
});

function signIn() {
  const { state } = h.get();
  state.session.value = { ...state.session.value!, token: agentToken };
  offline = false;
  statuses.length = 0;
  return state;
}

const NOT_LISTED = '341822100299'; // well formed (镇 100, 村委会 299), not in the demo county's list
const LISTED = '341822100202'; // 南塘村
const draft = (divisionCode: string) => ({
  ...emptyPersonDraft(VILLAGE),
  name: '王秀英',
  idNumber: '11010519491231002X',
  divisionCode,
});

describe('county division list on the device', () => {
  it('is fetched by the first sync round after sync starts (a login), then with If-None-Match', async () => {
    const state = signIn();
    const fake = fakeScheduler();
    const sync = connectSync(state, () => fake.scheduler);
    sync.start();
    expect(statuses).toEqual([]);
    fake.report({ lastOutcome: 'done' });
    await expect.poll(async () => (await readCountyDivisions())?.countyCode).toBe('341822');
    expect(statuses).toEqual([200]);
    // The next rounds within 30 minutes ask nothing; a new start (login, unlock) asks once: 304.
    fake.report({ lastOutcome: 'done', lastSuccessAt: NOW + 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(statuses).toEqual([200]);
    sync.stop();
    sync.start();
    fake.report({ lastOutcome: 'done', lastSuccessAt: NOW + 2 });
    await expect.poll(() => statuses).toEqual([200, 304]);
    sync.stop();
  });

  it('checks structure only while no list is stored', async () => {
    const state = signIn();
    expect(await divisionListFor(state)).toBeUndefined();
    expect(checkPersonDraft(draft(NOT_LISTED), '2026-11-20').ok).toBe(true);
    await savePersonDraft(state, draft(NOT_LISTED));
    expect(await countPersons()).toBe(1);
  });

  it('once fetched, refuses a code missing from the list offline, in Chinese', async () => {
    const state = signIn();
    expect(await refreshCountyDivisions(state, { force: true })).toBe('updated');
    expect(statuses).toEqual([200]);
    const stored = await readCountyDivisions();
    expect(stored?.countyCode).toBe('341822');
    expect(stored?.divisions).toContainEqual({ code: LISTED, name: '南塘村' });

    offline = true;
    const list = await divisionListFor(state);
    const check = checkPersonDraft(draft(NOT_LISTED), '2026-11-20', list);
    expect(check.ok).toBe(false);
    expect(check.errors.divisionCode).toBe(
      `本县的行政区划列表中没有代码 ${NOT_LISTED}，请从列表中选择或核对后重新填写`,
    );
    // As the form saves: with the list it reads from storage.
    await expect(savePersonDraft(state, draft(NOT_LISTED), list)).rejects.toThrow('需要改正');
    expect(await countPersons()).toBe(0);
    // Listed codes and other counties' codes (no list here: structure only) still save.
    await savePersonDraft(state, draft(LISTED), list);
    await savePersonDraft(state, { ...draft('110101001001'), idNumber: '110105199506010024', name: '李芳' }, list);
    expect(await countPersons()).toBe(2);
  });

  it('asks again only with If-None-Match (304) and not more than every 30 minutes on sync', async () => {
    const state = signIn();
    expect(await refreshCountyDivisions(state, { force: true })).toBe('updated');
    const first = (await readCountyDivisions())!;
    clock.t = NOW + 60_000;
    expect(await refreshCountyDivisions(state)).toBe('skipped');
    expect(await refreshCountyDivisions(state, { force: true })).toBe('unchanged');
    expect(statuses).toEqual([200, 304]);
    expect((await readCountyDivisions())!.checkedAt).toBe(NOW + 60_000);
    expect((await readCountyDivisions())!.version).toBe(first.version);

    // The admin imports a new village; the next sync round after the interval brings it.
    const admin = (await login(server.app, 'admin')).token;
    const imported = await server.app.inject({
      method: 'POST',
      url: '/api/admin/divisions/import',
      headers: bearer(admin),
      payload: { csv: `code,name\n${NOT_LISTED},新建村\n` },
    });
    expect(imported.statusCode).toBe(200);
    clock.t = NOW + 60_000 + DIVISIONS_CHECK_INTERVAL_MS;
    expect(await refreshCountyDivisions(state)).toBe('updated');
    expect(checkPersonDraft(draft(NOT_LISTED), '2026-11-20', await divisionListFor(state)).ok).toBe(true);
  });

  it('keeps its list when offline, and never uses another county’s list', async () => {
    const state = signIn();
    await writeCountyDivisions({
      countyCode: '341823',
      version: 'aaaaaaaaaaaaaaaa',
      divisions: [{ code: '341823100201', name: '外村' }],
      checkedAt: NOW,
    });
    expect(await divisionListFor(state)).toBeUndefined();
    offline = true;
    expect(await refreshCountyDivisions(state, { force: true })).toBe('failed');
    expect((await readCountyDivisions())!.countyCode).toBe('341823');
  });
});
