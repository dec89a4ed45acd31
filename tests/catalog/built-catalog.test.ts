// The catalogue is validated at build time (scripts/catalog-plugin.ts): the browser build gets the
// parsed items and the case list's names as literals. These must be what the catalogue parses to.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_VERSION, CATEGORIES } from '../../src/catalog';
import { CATALOG_NAMES } from '../../src/catalog/names';
import { builtCatalog } from '../../scripts/catalog-plugin';

/** The plugin's `load` hook, as Vite calls it after resolving a build rooted at `root`. */
function loader(root = resolve('.')): (id: string) => string | null {
  const plugin = builtCatalog();
  (plugin.configResolved as (config: { root: string }) => void)({ root });
  return plugin.load as (id: string) => string | null;
}

/** Runs the module the plugin generates for `path` and returns its exports. */
async function generated(path: string): Promise<Record<string, unknown>> {
  const load = loader();
  const code = load(resolve(path));
  expect(code).toEqual(expect.any(String));
  const file = join(mkdtempSync(join(tmpdir(), 'daiban-catalog-')), 'module.mjs');
  writeFileSync(file, code!);
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

describe('the catalogue built into the app', () => {
  it('is the parsed catalogue, with the same exports as src/catalog', async () => {
    const built = await generated('src/catalog/index.ts');
    expect(built.CATALOG).toEqual(CATALOG);
    expect(built.CATALOG_VERSION).toBe(CATALOG_VERSION);
    expect(built.CATEGORIES).toEqual(CATEGORIES);
    const findItem = built.findItem as (code: string) => unknown;
    expect(findItem(CATALOG[3]!.code)).toEqual(CATALOG[3]);
    expect(findItem('NO-SUCH-ITEM')).toBeUndefined();
  });

  it("the list's names module holds each item's code, version and name, in catalogue order", async () => {
    const expected = CATALOG.map((i) => ({ code: i.code, version: i.version, name: i.name }));
    expect(CATALOG_NAMES).toEqual(expected);
    expect((await generated('src/catalog/names.ts')).CATALOG_NAMES).toEqual(expected);
  });

  it('leaves every other module alone', () => {
    expect(loader()(resolve('src/catalog/items/gjj-tq.ts'))).toBeNull();
  });

  it("replaces the files of the build's root, wherever the build runs from", () => {
    // The bench builds an earlier commit's sources from this checkout: that build must get the
    // built catalogue too (it did not, and loaded the catalogue on its first screen).
    const load = loader('/elsewhere/daiban');
    expect(load('/elsewhere/daiban/src/catalog/index.ts')).toContain('export const CATALOG =');
    expect(load('/elsewhere/daiban/src/catalog/names.ts')).toContain('export const CATALOG_NAMES =');
    expect(load(resolve('src/catalog/index.ts'))).toBeNull();
  });
});
