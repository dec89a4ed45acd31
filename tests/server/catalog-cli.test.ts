// `npm run admin -- catalog:export / catalog:import` on a temporary data folder: export, a refused
// file (nothing written), drafts by default, --publish as new versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ServiceItem } from '../../src/domain';
import { CATALOG } from '../../src/catalog';
import { openSqliteStore } from '../../src/server/store';
import { keySettings } from './harness';
import { loadConfig } from '../../src/server/config';
import { onPostgres } from './test-database';

const run = promisify(execFile);
let dir: string;

async function admin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      env: { ...process.env, DAIBAN_DATA_DIR: dir },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'daiban-catalog-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Its own SQLite data folder; the SQLite run covers it.
describe.skipIf(onPostgres)('catalog:export / catalog:import', () => {
  it('exports, refuses a broken file, saves drafts and publishes', async () => {
    const file = join(dir, 'catalog.json');
    const exported = await admin('catalog:export', '--out', file);
    expect(exported.code, exported.err).toBe(0);
    const items = (JSON.parse(readFileSync(file, 'utf8')) as { items: ServiceItem[] }).items;
    expect(items.map((i) => i.code).sort()).toEqual(CATALOG.map((i) => i.code).sort());

    const gljt = items.find((i) => i.code === 'MZ-GLJT')!;
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ items: [{ ...gljt, rules: [{ kind: 'page-count', material: 'ghost' }] }] }));
    const refused = await admin('catalog:import', broken, '--publish');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/规则引用了不存在的材料“ghost”/);

    const changed = join(dir, 'changed.json');
    writeFileSync(changed, JSON.stringify({ items: [{ ...gljt, promisedLimitDays: 2 }, items[1]] }));
    const drafted = await admin('catalog:import', changed);
    expect(drafted.code, drafted.err).toBe(0);
    expect(drafted.out).toMatch(/1 个事项存为草稿，1 个无变化/);
    const published = await admin('catalog:import', changed, '--publish');
    expect(published.code, published.err).toBe(0);
    expect(published.out).toContain(`published MZ-GLJT v${gljt.version + 1}`);

    const config = loadConfig({ DAIBAN_DATA_DIR: dir });
    const store = await openSqliteStore(config.dbFile, config.keys ?? keySettings(dir), Date.now());
    try {
      expect((await store.catalog.get('MZ-GLJT'))!.promisedLimitDays).toBe(2);
      expect((await store.catalog.version('MZ-GLJT', gljt.version))!.promisedLimitDays).toBe(gljt.promisedLimitDays);
      expect(await store.catalog.drafts()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 90_000);
});
