// The first screen as a classic script (scripts/classic-entry-plugin.ts): the rewritten entry and
// a lazy chunk that imported it are run here, in this process, the way the browser would run them.
import { runInThisContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { GLOBAL, importFromGlobal, toClassicScript } from '../../../scripts/classic-entry-plugin';

const RUNTIME =
  'var e=Object.defineProperty,t=(t,n)=>{let r={};for(var i in t)e(r,i,{get:t[i],enumerable:!0});return r};export{t};';
const ENTRY = [
  '//# allFunctionsCalledOnLoad',
  'import{t as e}from"./shared-rolldown-runtime-abc.js";',
  'var n=e({double:()=>r}),r=(x)=>2*x,o={count:1};',
  'function s(){o.count++;return o.count}',
  'const where=new URL("./lazy-1.js",import.meta.url).href;',
  'const resolved=import.meta.resolve("./lazy-2.js");',
  'export{n as a,s as b,o as c,where as d,resolved as f};',
].join('\n');
const inline = (specifier: string) => {
  if (specifier !== './shared-rolldown-runtime-abc.js') throw new Error(`unexpected ${specifier}`);
  return `//# allFunctionsCalledOnLoad\n${RUNTIME}`;
};

/** Runs `code` as a classic script whose element has `src`. */
function runClassic(code: string, src: string): void {
  const g = globalThis as Record<string, unknown>;
  g.document = { currentScript: { src } };
  try {
    runInThisContext(code);
  } finally {
    delete g.document;
  }
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[GLOBAL];
});

describe('the entry as a classic script', () => {
  it('keeps the compile hint on its first line and runs without module syntax', () => {
    const classic = toClassicScript(ENTRY, 'assets/index-abc.js', inline);
    expect(classic.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(classic).not.toMatch(/\bimport\s*\{|\bexport\s*\{|import\.meta/);
    runClassic(classic, 'https://township.example/assets/index-abc.js');
    const first = (globalThis as Record<string, unknown>)[GLOBAL] as Record<string, unknown>;
    // The runtime chunk was inlined: the namespace helper built `a`.
    expect((first.a as { double(x: number): number }).double(21)).toBe(42);
    // import.meta resolved against the script's own address.
    expect(first.d).toBe('https://township.example/assets/lazy-1.js');
    expect(first.f).toBe('https://township.example/assets/lazy-2.js');
    // Exports are the same objects, and frozen as a set.
    expect((first.b as () => number)()).toBe(2);
    expect((first.c as { count: number }).count).toBe(2);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses an export that a function assigns later (a copy in a lazy chunk would go stale)', () => {
    const live = 'let n=1;function bump(){n=n+1}export{n as a,bump as b};';
    expect(() => toClassicScript(live, 'assets/index-abc.js', inline)).toThrow(/assigned later \(n\)/);
    // Assigned at the top level, before any lazy chunk can run: a copy is exact.
    const settled = 'var n;n=5;export{n as a};';
    expect(() => toClassicScript(settled, 'assets/index-abc.js', inline)).not.toThrow();
    // A function's own variable of the same name is not the export.
    const shadowed = 'var n=5;function f(){let n=1;n=2;return n}export{n as a,f as b};';
    expect(() => toClassicScript(shadowed, 'assets/index-abc.js', inline)).not.toThrow();
  });

  it('refuses an entry that imports a chunk which imports another', () => {
    const deep = () => 'import{x as y}from"./other.js";export{y as t};';
    expect(() => toClassicScript(ENTRY, 'assets/index-abc.js', deep)).toThrow(/imports another chunk/);
  });
});

describe('a lazy chunk that imported the entry', () => {
  it('takes the same exports from the global and still runs as a module', async () => {
    runClassic(toClassicScript(ENTRY, 'assets/index-abc.js', inline), 'https://township.example/assets/index-abc.js');
    const lazy = 'import{a as x,c as y}from"./index-abc.js";export const doubled=x.double(y.count);';
    const rewritten = importFromGlobal(lazy, 'assets/lazy-1.js', './index-abc.js');
    expect(rewritten).toBe(`const{a:x,c:y}=globalThis.${GLOBAL};export const doubled=x.double(y.count);`);
    const mod = (await import(`data:text/javascript,${encodeURIComponent(rewritten)}`)) as { doubled: number };
    expect(mod.doubled).toBe(2);
  });

  it('leaves other imports alone and refuses a dynamic import of the entry', () => {
    const other = 'import{z}from"./shared-x.js";import{a}from"./index-abc.js";';
    expect(importFromGlobal(other, 'assets/lazy-1.js', './index-abc.js')).toBe(
      `import{z}from"./shared-x.js";const{a:a}=globalThis.${GLOBAL};`,
    );
    expect(() => importFromGlobal('const m=import("./index-abc.js");', 'assets/lazy-1.js', './index-abc.js')).toThrow(
      /cannot serve/,
    );
  });
});
