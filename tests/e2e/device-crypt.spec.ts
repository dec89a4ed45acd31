// Encryption at rest in real Chromium: after an agent creates a profile and a case with a photo,
// every value of every object store of every IndexedDB database of the app, read raw (no Dexie),
// holds no name, ID number, phone, bearer token or photo bytes. Then lock → PIN → the data again.
import { expect, test, type Page } from '@playwright/test';
import { sharpPhoto } from './fixtures/photos';
import { createPerson, login } from './fixtures/app';

const PERSON = {
  name: '欧阳春花',
  idNumber: '11010519491231002X',
  issuedOn: '2016-06-01',
  phone: '13655554444',
  address: '安徽省某县某镇某村 8 号',
};
const ITEM = '老年人优待证办理';
const PIN = '135792';

/** Every database, store and value, serialised in the page; byte arrays as hex. */
async function rawIndexedDb(page: Page): Promise<{ text: string; stores: Record<string, number> }> {
  return page.evaluate(async () => {
    const hex = (b: ArrayBuffer | ArrayBufferView) => {
      const u8 = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      let s = '';
      for (const x of u8) s += x.toString(16).padStart(2, '0');
      return s;
    };
    const replacer = (_k: string, v: unknown) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? hex(v) : v);
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((ok, fail) => {
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
    const stores: Record<string, number> = {};
    let text = '';
    for (const info of await indexedDB.databases()) {
      const db = await req(indexedDB.open(info.name!));
      for (const name of Array.from(db.objectStoreNames)) {
        const store = db.transaction(name).objectStore(name);
        const [keys, values] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
        stores[`${info.name}/${name}`] = values.length;
        text += JSON.stringify({ keys, values }, replacer);
      }
      db.close();
    }
    return { text, stores };
  });
}

async function pressPin(page: Page, pin: string) {
  for (const d of pin) await page.getByRole('button', { name: d, exact: true }).click();
}

test('IndexedDB holds no personal data in clear; lock → PIN → the data is back', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const shown: Blob[] = [];
    (window as unknown as { __shownBlobs: Blob[] }).__shownBlobs = shown;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) shown.push(obj);
      return create(obj);
    };
  });
  await page.goto('/');
  const loginAnswer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await login(page);
  const { token } = (await (await loginAnswer).json()) as { token: string };

  // The prompt after the password login: set a PIN (typed twice on the big pad).
  await page.getByTestId('pin-offer').getByRole('button', { name: '设置锁屏密码' }).click();
  await expect(page.getByRole('heading', { name: '设置锁屏密码' })).toBeVisible();
  await pressPin(page, PIN);
  await expect(page.getByText('请再输入一次')).toBeVisible();
  await pressPin(page, PIN);
  await expect(page.getByText('锁屏密码已设置')).toBeVisible();

  // A profile with its ID-card photo, and a case prefilled from it (form values hold name, ID, phone).
  await createPerson(page, PERSON);
  const form = page.getByRole('form', { name: '群众档案' });
  await form.getByLabel('从相册选择：身份证人像面').setInputFiles(sharpPhoto());
  await expect(form.getByRole('img', { name: '身份证人像面', exact: true })).toBeVisible();
  await form.getByRole('button', { name: '保存档案' }).click();
  await expect(page.getByRole('heading', { name: '修改群众档案' })).toBeVisible();
  await page.getByRole('link', { name: '新建办件' }).first().click();
  await page.getByLabel('搜索事项').fill('ydz');
  await page.getByRole('button', { name: new RegExp(ITEM) }).click();
  await page.getByLabel('查找申请人').fill('oych'); // pinyin initials: found through the blind index
  await page.getByRole('button', { name: new RegExp(PERSON.name) }).click();
  await page.getByRole('button', { name: '开始办件' }).click();
  await expect(page.getByRole('heading', { name: ITEM })).toBeVisible();
  await expect(page.getByRole('group', { name: '申请表' }).getByLabel('公民身份号码')).toHaveValue(PERSON.idNumber);
  const photo = page.locator('[data-material="id-card-front"] .page img').first();
  await expect(photo).toBeVisible();
  // 64 bytes from the middle of the stored photo, as the app decrypted it for display (the
  // init script below keeps every Blob the page turns into an object URL).
  const photoProbe = await page.evaluate(async () => {
    const blobs = (window as unknown as { __shownBlobs: Blob[] }).__shownBlobs.filter((b) =>
      b.type.startsWith('image/'),
    );
    const largest = blobs.sort((x, y) => y.size - x.size)[0]!;
    const bytes = new Uint8Array(await largest.arrayBuffer());
    const mid = Math.floor(bytes.length / 2);
    const hex = [...bytes.subarray(mid, mid + 64)].map((x) => x.toString(16).padStart(2, '0')).join('');
    return { size: bytes.length, hex };
  });
  expect(photoProbe.size).toBeGreaterThan(1000);
  await page.waitForTimeout(1_500); // the workbench autosaves after a pause

  const raw = await rawIndexedDb(page);
  expect(raw.stores['daiban/persons']).toBe(1);
  expect(raw.stores['daiban/cases']).toBe(1);
  expect(raw.stores['daiban/blobs']).toBeGreaterThanOrEqual(1);
  expect(raw.stores['daiban/audit']).toBeGreaterThanOrEqual(2);
  expect(raw.text).toContain('MZ-LNRYDZ'); // the dump does read values: index fields stay in clear
  for (const secret of [
    PERSON.name,
    '欧阳',
    PERSON.idNumber,
    PERSON.idNumber.slice(0, 10),
    PERSON.phone,
    PERSON.address,
    token,
    photoProbe.hex,
  ])
    expect(raw.text, `raw IndexedDB contains ${secret.slice(0, 24)}`).not.toContain(secret);

  // Lock from 设置; the PIN pad unlocks and the data is there again.
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '立即锁定' }).click();
  await expect(page.getByRole('heading', { name: '代办通已锁定' })).toBeVisible();
  await expect(page.getByText('当前用户：')).toContainText('王秀兰');
  await expect(page.getByText('已锁定，解锁后同步')).toBeVisible();
  await pressPin(page, '000000');
  await expect(page.getByRole('alert')).toContainText('锁屏密码不正确，还可以再试 4 次');
  await pressPin(page, PIN);
  await expect(page.getByRole('heading', { name: '代办通已锁定' })).toBeHidden({ timeout: 30_000 });
  await page.goto('/#/persons');
  await expect(page.getByText(PERSON.name).first()).toBeVisible();

  // A reload forgets the key: the lock screen again, the PIN still works within its window.
  await page.reload();
  await expect(page.getByRole('heading', { name: '代办通已锁定' })).toBeVisible();
  await pressPin(page, PIN);
  await expect(page.getByText(PERSON.name).first()).toBeVisible({ timeout: 30_000 });
});

/** The attacker page's global: the handle window.open gave it. */
type Opener = { opened?: Window | null };

test('a page that opened the app with window.open can no longer send its window anywhere', async ({
  page,
  context,
  baseURL,
}) => {
  // The attacker: a page of another origin on the same machine (127.0.0.1, not localhost) that
  // opens the app and keeps the handle, to send the window to a look-alike login later.
  await page.goto(`${baseURL!.replace('localhost', '127.0.0.1')}/api/health`);
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate((url) => void ((window as Opener).opened = window.open(url)), `${baseURL}/`),
  ]);
  const sendAway = () =>
    page.evaluate(() => {
      try {
        (window as Opener).opened!.location.href = 'http://127.0.0.1:9/look-alike';
        return 'navigated';
      } catch (e) {
        return (e as Error).name;
      }
    });

  await expect(popup.locator('#login-title')).toBeVisible();
  expect(await popup.evaluate(() => window.opener)).toBeNull();
  expect(await sendAway()).toBe('SecurityError');
  // Reloaded, it is still the app's, and still out of the attacker's reach.
  await popup.reload();
  await expect(popup.locator('#login-title')).toBeVisible();
  expect(await sendAway()).toBe('SecurityError');
  expect(new URL(popup.url()).host).toBe(new URL(baseURL!).host);
});
