// What the server prints at start about accounts: how to create the first admin on an empty data
// folder, and a loud warning when demo logins work on an address other machines can reach.
import type { ServerConfig } from '../config';
import { verifyPassword } from '../auth/password';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../seed/demo-county';
import type { Store } from '../store';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Demo accounts that still open with the demo password. */
async function activeDemoLogins(store: Store): Promise<string[]> {
  const found = await Promise.all(
    DEMO_LOGINS.map(async (l) => {
      const u = await store.users.byUsername(l.username);
      return u && u.disabledAt === null && (await verifyPassword(DEMO_PASSWORD, u.passwordHash)) ? l.username : null;
    }),
  );
  return found.filter((n): n is string => n !== null);
}

export async function accountNotes(store: Store, config: ServerConfig): Promise<string[]> {
  if ((await store.users.count()) === 0)
    return [
      '',
      'No users yet (DAIBAN_DEMO=0). Create the first county admin, e.g.:',
      '  尚无任何账号。请先创建县级管理员，例如：',
      '  npm run admin -- user:add --role admin --county 341822 --county-name 广德市 --username admin1 --name 张三',
      'then sign in with the printed one-time password and import the townships and villages (CSV).',
      '  然后用打印出的一次性密码登录，并导入乡镇和村（CSV）。',
    ];
  if (LOOPBACK.has(config.host)) return [];
  const demo = await activeDemoLogins(store);
  if (demo.length === 0) return [];
  const bar = '!'.repeat(78);
  return [
    '',
    bar,
    `WARNING: demo logins (${demo.join(', ')}) with password ${DEMO_PASSWORD} are active`,
    `on ${config.host}, reachable from other machines. Disable them before real use:`,
    '  npm run admin -- user:disable <username>    (or start with NODE_ENV=production to refuse them)',
    `警告：演示账号（密码 ${DEMO_PASSWORD}）可从网络登录。正式使用前请停用这些账号。`,
    config.refuseDemoLogins ? 'NODE_ENV=production: demo logins are refused (403 auth.demo_refused).' : '',
    bar,
  ].filter(Boolean);
}
