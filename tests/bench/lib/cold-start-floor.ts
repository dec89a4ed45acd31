// The floor of the offline cold start (issue 13): the least any app with this job can do between
// the navigation and the case list, in one hand-written page — no framework, no bundle, no
// router, no sync, no boot screen — so the bench can show how much of the app's time is its own.
//
// What it does is what the app cannot skip, the same way the app does it:
// - the browser answers the navigation from Cache Storage (offline) by the service worker's static
//   route, as the app's does (sw/static-routes.ts), without starting the worker;
// - one inline script reads the wrapped data key from its IndexedDB store and draws a PIN pad in
//   the app's Chinese font (the probe taps the PIN once the pad is painted);
// - the list's first page (100 rows, newest first, one getAllRecords) and its count are read
//   while the PIN is typed;
// - the PIN's key is derived (PBKDF2-SHA-256, the app's 600,000 iterations), the data key
//   unwrapped (AES-GCM, WebCrypto) and the four applicants' sealed names opened;
// - the heading, the count, 新建办件 and the rows in view are drawn with plain DOM.
// It answers the same selectors as the app (lib/cold-start-probe.ts), so one probe times both.
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { freePort, type RunningApp } from './cold-start-app';

const ITERATIONS = 600_000;
/** Rows the app's list draws at 800×1280 (cards in view plus its look-ahead). */
const ROWS_DRAWN = 10;

const STYLE = `
@font-face {
  font-family: 'daiban-cjk';
  src: local('NotoSansCJKsc-Regular'), local('Noto Sans CJK SC'), local('NotoSansSC-Regular'),
    local('SourceHanSansSC-Regular'), local('PingFangSC-Regular'), local('MicrosoftYaHei'), local('Microsoft YaHei');
  font-weight: 400;
}
:root { font-size: 20px; font-family: 'daiban-cjk', 'Noto Sans CJK SC', system-ui, sans-serif; color: #111; }
body { margin: 0; }
main { max-width: 760px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.4rem; margin: 0 0 12px; }
.pin-pad { display: grid; grid-template-columns: repeat(3, 88px); gap: 12px; }
.pin-pad__key { min-height: 64px; font: inherit; font-size: 1.4rem; border: 1px solid #6b7280; border-radius: 10px; background: #fff; }
.bar { display: flex; justify-content: space-between; align-items: center; }
.bar a { min-height: 48px; padding: 10px 16px; background: #0b4f9c; color: #fff; border-radius: 10px; text-decoration: none; }
.case-card { display: block; min-height: 96px; padding: 12px 16px; margin: 0 0 12px; border: 1px solid #d0d5dd; border-radius: 10px; color: inherit; text-decoration: none; }
.case-card span, .case-card strong { display: block; line-height: 1.5; }
.muted { color: #444; }`;

// Runs in the page. Kept in one string: the page has no build step, as the floor has none.
const SCRIPT = `
const ITERATIONS = ${ITERATIONS}, ROWS_DRAWN = ${ROWS_DRAWN};
const STATUS = { draft: '草稿', queued: '待发送', submitted: '已提交', returned: '已退回', accepted: '已受理', completed: '已办结' };
const ITEMS = ['城乡居民养老保险参保登记', '城乡居民医疗保险参保登记', '高龄津贴申领', '最低生活保障申请'];
const done = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
const open = (name, upgrade) => { const r = indexedDB.open(name, 1); r.onupgradeneeded = () => upgrade(r.result); return done(r); };
const keysDb = open('floor-keys', (db) => db.createObjectStore('kv'));
const dataDb = open('floor', (db) => {
  db.createObjectStore('cases', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
  db.createObjectStore('persons', { keyPath: 'id' });
});
const text = new TextEncoder();
const gcm = (iv) => ({ name: 'AES-GCM', iv });
const pinKey = async (pin, salt, usage) => crypto.subtle.deriveKey(
  { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS },
  await crypto.subtle.importKey('raw', text.encode(pin), 'PBKDF2', false, ['deriveKey']),
  { name: 'AES-GCM', length: 256 }, false, [usage]);
const app = document.getElementById('app');

async function setUp(pin, cases) {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const salt = crypto.getRandomValues(new Uint8Array(16)), iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(gcm(iv), await pinKey(pin, salt, 'encrypt'), raw);
  const dataKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const names = ['张桂兰', '李建国', '王淑珍', '刘德明'];
  const persons = await Promise.all(names.map(async (name, i) => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = JSON.stringify({ name, idNumber: '1101051940010100' + i + 'X', village: '341822100201' });
    return { id: 'p' + i, iv, ct: await crypto.subtle.encrypt(gcm(iv), dataKey, text.encode(plain)) };
  }));
  const statuses = Object.keys(STATUS), now = Date.now();
  const kdb = await keysDb, db = await dataDb;
  await done(kdb.transaction('kv', 'readwrite').objectStore('kv').put({ owner: { name: '张三（代办员）' }, pin: { salt, iv, ct, iterations: ITERATIONS } }, 'deviceKey'));
  const tx = db.transaction(['cases', 'persons'], 'readwrite');
  for (const p of persons) tx.objectStore('persons').put(p);
  for (let i = 0; i < cases; i++) {
    const updatedAt = now - i * 60000;
    tx.objectStore('cases').put({ id: crypto.randomUUID(), number: 'DB-341822100201-20260101-ZZ' + String(i).padStart(5, '0'),
      itemCode: 'I' + (i % 4), applicantId: 'p' + (i % 4), status: statuses[i % 6], fields: {}, villageCode: '341822100201',
      agentId: 'agent1', createdAt: updatedAt, updatedAt });
  }
  await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onerror = () => ko(tx.error); });
  await navigator.serviceWorker.register('/sw.js');
  while (!navigator.serviceWorker.controller) await new Promise((ok) => setTimeout(ok, 50));
  window.__floorReady = true;
}

// Read while the PIN is typed, as the app does.
const firstPage = dataDb.then(async (db) => {
  const tx = db.transaction(['cases', 'persons']);
  const index = tx.objectStore('cases').index('updatedAt');
  const [records, count, persons] = await Promise.all([
    done(index.getAllRecords({ count: 100, direction: 'prev' })), done(index.count()), done(tx.objectStore('persons').getAll())]);
  return { rows: records.map((r) => r.value), count, persons };
});

async function unlock(record, pin) {
  const wrap = await pinKey(pin, record.pin.salt, 'decrypt');
  const raw = await crypto.subtle.decrypt(gcm(record.pin.iv), wrap, record.pin.ct);
  const dataKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
  const { rows, count, persons } = await firstPage;
  const words = new TextDecoder();
  const names = new Map(await Promise.all(persons.map(async (p) =>
    [p.id, JSON.parse(words.decode(await crypto.subtle.decrypt(gcm(p.iv), dataKey, p.ct))).name])));
  const list = document.createElement('main');
  list.innerHTML = '<div class="bar"><h1 id="cases-title">办件列表</h1><a href="#/cases/new">新建办件</a></div>'
    + '<p role="status" class="muted" data-testid="case-count">共 ' + count + ' 件</p><div role="list" aria-label="办件"></div>';
  const body = list.lastElementChild;
  for (const row of rows.slice(0, ROWS_DRAWN)) {
    const item = document.createElement('div');
    item.setAttribute('role', 'listitem');
    const a = document.createElement('a');
    a.className = 'case-card';
    a.href = '#/cases/' + row.id;
    const line = (tag, cls, value) => { const el = document.createElement(tag); el.className = cls; el.textContent = value; a.append(el); };
    line('span', 'muted', STATUS[row.status] + ' · ' + new Date(row.updatedAt).toLocaleDateString('zh-CN'));
    line('span', '', ITEMS[Number(row.itemCode.slice(1))]);
    line('strong', '', names.get(row.applicantId));
    line('span', 'muted', row.number);
    item.append(a);
    body.append(item);
  }
  app.replaceWith(list);
}

async function lockScreen() {
  const record = await done((await keysDb).transaction('kv').objectStore('kv').get('deviceKey'));
  app.innerHTML = '<h1 id="lock-title">请输入锁屏密码</h1><p class="muted"></p><div class="pin-pad"></div>';
  app.querySelector('p').textContent = record.owner.name + '，输入6位数字解锁';
  let pin = '';
  for (const d of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']) {
    const key = document.createElement('button');
    key.className = 'pin-pad__key';
    key.textContent = d;
    key.setAttribute('aria-label', d);
    key.onclick = () => { pin += d; if (pin.length === 6) void unlock(record, pin); };
    app.lastElementChild.append(key);
  }
}

const query = new URLSearchParams(location.search);
void (query.has('pin') ? setUp(query.get('pin'), Number(query.get('cases'))) : lockScreen());`;

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>代办通</title><style>${STYLE}</style></head>
<body><main id="app"></main><script type="module">${SCRIPT}</script></body></html>`;

const WORKER = `
self.addEventListener('install', (e) => {
  self.skipWaiting();
  e.addRoutes?.({ condition: { urlPattern: { pathname: '/', search: '', baseURL: self.registration.scope }, requestMode: 'navigate' }, source: { cacheName: 'floor' } })?.catch(() => {});
  e.waitUntil(caches.open('floor').then((c) => c.add('/')));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (e.request.mode === 'navigate') e.respondWith(caches.match('/').then((r) => r ?? fetch(e.request)));
});`;

/** Serves the floor page at `/` and its service worker at `/sw.js`. */
export async function startFloorServer(): Promise<RunningApp> {
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(PAGE);
    else if (path === '/sw.js') res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' }).end(WORKER);
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** The first visit, online: wraps a data key under `pin`, stores `cases` cases and four sealed
 *  applicants, installs the service worker and waits until it controls the page. */
export async function floorFirstVisit(page: Page, url: string, pin: string, cases: number): Promise<void> {
  await page.goto(`${url}/?pin=${pin}&cases=${cases}`);
  await page.waitForFunction(() => (window as { __floorReady?: boolean }).__floorReady === true, null, { timeout: 60_000 });
}
