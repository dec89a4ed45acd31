// The admin command line: `npm run admin -- <verb> [options]`, for the first start (create the
// first county admin) and for scripts. It opens the same data folder and database as the server
// (loadConfig: DAIBAN_DATA_DIR, DAIBAN_DB) and goes through the same services and audit log; a
// running server sees its changes at once (a disabled user's next request gets 401).
// Exit codes: 0 done, 1 refused input (bad file, unknown user, weak password) or a broken audit
// chain (audit:verify), 2 usage error.
// A verb is one entry of VERBS: `{ usage, summary, run }`.
import { dirname, join, resolve } from 'node:path';
import { BackupError, backup, restore, verifyBackup } from '../src/server/ops/backup';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Role } from '../src/domain';
import { CreateUserRequest } from '../src/domain/api';
import { CLI_ACTOR, auditAdmin } from '../src/server/admin/audit';
import { auditVerify } from '../src/server/admin/audit-verify';
import { importDivisions } from '../src/server/admin/divisions-import';
import { CATALOG } from '../src/catalog';
import { catalogFile, checkItem, diffItems, readCatalogFile } from '../src/domain/catalog-edit';
import { publishItem } from '../src/server/admin/catalog';
import { seedCatalog } from '../src/server/seed/seed';
import { createUser, divisionCodeOf, resetPassword, setDisabled, type AdminContext } from '../src/server/admin/users';
import { loadConfig, type ServerConfig } from '../src/server/config';
import { ApiFailure } from '../src/server/http/errors';
import { openStore, type Store, type UserRecord } from '../src/server/store';
import { encryptExisting, keyStatus, rotateKeys } from '../src/server/admin/keys';
import { KeyError } from '../src/server/crypto/key-ring';
import { MoveError, moveToPostgres } from '../src/server/store/move-to-postgres';
import { formatComparison } from '../src/server/store/table-copy';
import { runningServer } from '../src/server/ops/running';

/** Wrong command line: exit 2 with the verb's usage. */
class UsageError extends Error {}
/** Refused input: exit 1 with the message. */
class InputError extends Error {}

export interface VerbContext {
  config: ServerConfig;
  /** The store, opened (and migrated) on first use and closed after the verb. */
  store: () => Promise<Store>;
  print: (line: string) => void;
}

interface Verb {
  usage: string;
  summary: string;
  run: (args: string[], ctx: VerbContext) => Promise<void>;
}

function options<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], opts: O, positionals = 0) {
  try {
    const parsed = parseArgs({ args, options: opts, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length !== positionals)
      throw new UsageError(`expected ${positionals} argument(s), got ${parsed.positionals.length}`);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const required = (value: string | undefined, name: string): string => {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
};

async function userNamed(store: Store, username: string): Promise<UserRecord> {
  const u = await store.users.byUsername(username);
  if (!u) throw new InputError(`找不到用户 ${username} / no user named ${username}`);
  return u;
}

const contextFor = (config: ServerConfig, countyCode: string): AdminContext => ({
  actor: CLI_ACTOR,
  countyCode,
  now: config.now(),
  passwordCost: config.passwordCost,
});

/** The county row, created when missing (a new deployment has none until its first admin). */
async function ensureCounty(store: Store, config: ServerConfig, code: string, name: string | undefined) {
  if (!/^\d{6}$/.test(code)) throw new InputError(`县级代码应为 6 位数字 / county code must be 6 digits: ${code}`);
  const known = await store.divisions.get(code);
  if (known) return;
  if (!name)
    throw new InputError(
      `县级行政区 ${code} 尚不存在，请加 --county-name 名称 / county ${code} unknown: add --county-name`,
    );
  await store.transaction(async (tx) => {
    await tx.divisions.upsert({ code, name, level: 'county', parentCode: null });
    await auditAdmin(
      tx,
      CLI_ACTOR,
      { entity: 'division', entityId: code, action: 'county-create', detail: name },
      config.now(),
    );
  });
}

/** UTF-8, or GBK/GB18030 as Excel on a Chinese Windows saves CSV. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A refused backup or restore (non-empty target, damaged file) is bad input: exit 1. */
async function backupOrInput<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof BackupError) throw new InputError(error.message);
    throw error;
  }
}

/** A key that cannot do what was asked (missing, wrong, server running) is refused input: exit 1. */
async function keyOrInput<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof KeyError) throw new InputError(error.message);
    throw error;
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

const ROLE_LABEL = { agent: '代办员', reviewer: '乡镇审核员', admin: '县级管理员' } as const;

export const VERBS: Record<string, Verb> = {
  'user:add': {
    usage:
      'user:add --role agent|reviewer|admin --username NAME --name 姓名 (--village CODE | --township CODE | --county CODE) [--county-name 名称] [--password P [--one-time]]',
    summary: 'create a user bound to a village (agent), township (reviewer) or county (admin)',
    async run(args, { config, store, print }) {
      const { values } = options(args, {
        role: { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        village: { type: 'string' },
        township: { type: 'string' },
        county: { type: 'string' },
        'county-name': { type: 'string' },
        password: { type: 'string' },
        'one-time': { type: 'boolean' },
      });
      const role = Role.safeParse(values.role);
      if (!role.success) throw new UsageError('--role must be agent, reviewer or admin');
      const divisionCode = { agent: values.village, reviewer: values.township, admin: values.county }[role.data];
      const flag = { agent: 'village', reviewer: 'township', admin: 'county' }[role.data];
      const code = required(divisionCode, flag);
      const s = await store();
      const county = code.slice(0, 6);
      if (role.data === 'admin') await ensureCounty(s, config, county, values['county-name']);
      const input = CreateUserRequest.safeParse({
        username: required(values.username, 'username'),
        name: required(values.name, 'name'),
        role: role.data,
        divisionCode: code,
        password: values.password,
      });
      if (!input.success) throw new InputError(input.error.issues.map((i) => i.message).join('；'));
      const { user, oneTimePassword } = await createUser(s, contextFor(config, county), {
        ...input.data,
        oneTime: values.password === undefined || values['one-time'] === true,
      });
      print(
        `已创建${ROLE_LABEL[user.role]} / created ${user.role}: ${user.username} ${user.name} ${user.divisionName ?? ''} ${user.divisionCode}`,
      );
      if (values.password === undefined || values['one-time'])
        print(
          `一次性密码 / one-time password: ${oneTimePassword}  (首次登录后须修改 / must be changed at first login)`,
        );
    },
  },
  'user:passwd': {
    usage: 'user:passwd USERNAME [--password P [--one-time]]',
    summary: "reset a user's password (one-time unless given) and end their sessions",
    async run(args, { config, store, print }) {
      const { values, positionals } = options(
        args,
        { password: { type: 'string' }, 'one-time': { type: 'boolean' } },
        1,
      );
      const s = await store();
      const u = await userNamed(s, positionals[0]!);
      const oneTime = values.password === undefined || values['one-time'] === true;
      const { oneTimePassword } = await resetPassword(
        s,
        contextFor(config, u.countyCode),
        u.id,
        values.password,
        oneTime,
      );
      print(`已重置密码，会话已结束 / password reset, sessions ended: ${u.username}`);
      if (oneTime) print(`一次性密码 / one-time password: ${oneTimePassword}`);
    },
  },
  'user:disable': {
    usage: 'user:disable USERNAME',
    summary: 'disable a user; their sessions end at once',
    async run(args, { config, store, print }) {
      const { positionals } = options(args, {}, 1);
      const s = await store();
      const u = await userNamed(s, positionals[0]!);
      await setDisabled(s, contextFor(config, u.countyCode), u.id, true);
      print(`已停用 / disabled: ${u.username}`);
    },
  },
  'user:enable': {
    usage: 'user:enable USERNAME',
    summary: 'enable a disabled user again',
    async run(args, { config, store, print }) {
      const { positionals } = options(args, {}, 1);
      const s = await store();
      const u = await userNamed(s, positionals[0]!);
      await setDisabled(s, contextFor(config, u.countyCode), u.id, false);
      print(`已启用 / enabled: ${u.username}`);
    },
  },
  'user:list': {
    usage: 'user:list [--county CODE]',
    summary: 'list users (username, role, division, state)',
    async run(args, { store, print }) {
      const { values } = options(args, { county: { type: 'string' } });
      const s = await store();
      const counties = values.county
        ? [values.county]
        : (await s.divisions.list()).filter((d) => d.level === 'county').map((d) => d.code);
      for (const county of counties) {
        for (const u of await s.users.inCounty(county)) {
          const state = u.disabledAt !== null ? '已停用 disabled' : u.mustChangePassword ? '待改密码 one-time' : '';
          print(
            `${u.username.padEnd(16)} ${u.role.padEnd(8)} ${divisionCodeOf(u).padEnd(12)} ${u.name} ${state}`.trimEnd(),
          );
        }
      }
    },
  },
  'catalog:export': {
    usage: 'catalog:export [--out FILE.json]',
    summary: 'write the current version of every service item as JSON (stdout or a file)',
    async run(args, { config, store, print }) {
      const { values } = options(args, { out: { type: 'string' } });
      const s = await store();
      await seedCatalog(s, CATALOG, config.now());
      const items = await s.catalog.list();
      const text = JSON.stringify(catalogFile(items, config.now()), null, 2);
      if (values.out) {
        writeFileSync(values.out, `${text}\n`);
        print(`已导出 ${items.length} 个事项 / exported ${items.length} item(s) to ${values.out}`);
      } else print(text);
    },
  },
  'catalog:import': {
    usage: 'catalog:import FILE.json [--publish]',
    summary: 'check every item (schema and rule references); save as drafts, or --publish as new versions',
    async run(args, { config, store, print }) {
      const { values, positionals } = options(args, { publish: { type: 'boolean' } }, 1);
      let text: string;
      try {
        text = readFileSync(positionals[0]!, 'utf8');
      } catch (error) {
        throw new InputError(`无法读取文件 / cannot read ${positionals[0]}: ${(error as Error).message}`);
      }
      const file = readCatalogFile(text);
      if ('error' in file) throw new InputError(file.error);
      // All or nothing: every item is checked before any is written.
      let bad = 0;
      for (const [i, value] of file.items.entries()) {
        const checked = checkItem({ ...(value as object), version: 1 });
        for (const p of checked.problems)
          print(`#${i + 1} ${(value as { code?: string }).code ?? ''} ${p.path}: ${p.message}`);
        if (!checked.ok) bad++;
      }
      if (bad > 0) throw new InputError(`${bad} 个事项有问题，未导入 / ${bad} invalid item(s), nothing imported`);
      const s = await store();
      await seedCatalog(s, CATALOG, config.now());
      const ctx = { actor: CLI_ACTOR, now: config.now() };
      let written = 0;
      for (const value of file.items) {
        const code = (value as { code: string }).code;
        const current = await s.catalog.get(code);
        if (current && diffItems(current, value).length === 0) continue;
        if (values.publish) {
          const item = await publishItem(s, ctx, value);
          print(`已发布 / published ${code} v${item.version}`);
        } else {
          await s.catalog.saveDraft({ code, data: value, updatedAt: ctx.now, updatedBy: CLI_ACTOR.id });
          print(`已存为草稿 / draft saved: ${code}`);
        }
        written++;
      }
      print(
        `完成 / done: ${written} 个事项${values.publish ? '已发布' : '存为草稿'}，${file.items.length - written} 个无变化 / unchanged`,
      );
    },
  },
  'divisions:import': {
    usage: 'divisions:import FILE.csv [--county CODE] [--county-name 名称] [--dry-run]',
    summary: 'import townships and villages (header code,name or 代码,名称; 12-digit codes), all or nothing',
    async run(args, { config, store, print }) {
      const { values, positionals } = options(
        args,
        { county: { type: 'string' }, 'county-name': { type: 'string' }, 'dry-run': { type: 'boolean' } },
        1,
      );
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(positionals[0]!);
      } catch (error) {
        throw new InputError(`无法读取文件 / cannot read ${positionals[0]}: ${(error as Error).message}`);
      }
      const csv = decodeText(bytes);
      // The county: given, or that of the first data row's code.
      const county = values.county ?? /(?:^|\n)"?(\d{6})\d{6}/.exec(csv)?.[1];
      if (!county)
        throw new InputError(
          '文件中没有 12 位代码，请用 --county 指定县级代码 / no 12-digit code found: give --county',
        );
      const s = await store();
      if (!values['dry-run']) await ensureCounty(s, config, county, values['county-name']);
      try {
        const r = await importDivisions(s, contextFor(config, county), csv, values['dry-run'] === true);
        for (const e of r.errors) print(e.message);
        const counts = `乡镇 ${r.townships} 个，村 ${r.villages} 个（新增 ${r.created}，更新 ${r.updated}）`;
        if (!r.applied) {
          print(`检查完成，未写入 / dry run, nothing written: ${counts}`);
          if (r.errors.length > 0) throw new InputError(`${r.errors.length} 处错误 / error(s)`);
        } else print(`已导入 / imported: ${counts}`);
      } catch (error) {
        if (error instanceof ApiFailure && error.code === 'divisions.invalid') {
          const details = error.details as { errors: { message: string }[] };
          for (const e of details.errors) print(e.message);
        }
        throw error;
      }
    },
  },
  'audit:verify': {
    usage: 'audit:verify',
    summary: 'check the hash chains of the audit log; exit 1 with the first broken link of each chain',
    async run(args, { store, print }) {
      options(args, {});
      const report = await auditVerify(await store(), print);
      if (report.breaks.length > 0)
        throw new InputError(`操作记录可能被修改或删除 / audit log tampered: ${report.breaks.length} chain(s)`);
    },
  },
  backup: {
    usage: 'backup DIR',
    summary: 'consistent copy of the database, blobs and CA into DIR (while the server runs), with a manifest',
    async run(args, { config, store, print }) {
      const { positionals } = options(args, {}, 1);
      // The key ring lets the backup check every sealed blob against its hash (keys stay out of it).
      const ring =
        config.databaseUrl || existsSync(config.dbFile)
          ? await keyOrInput(async () => (await store()).crypto.ring)
          : undefined;
      const manifest = await backupOrInput(() =>
        backup({ ...config, tlsDir: join(config.dataDir, 'tls'), ring }, positionals[0]!),
      );
      print(
        `已备份${config.databaseUrl ? ' PostgreSQL' : ''} / backed up to ${positionals[0]}: ${manifest.cases.length} cases, ${manifest.blobs.length} blobs`,
      );
    },
  },
  'backup:verify': {
    usage: 'backup:verify DIR',
    summary: 'check every file of a backup against its manifest',
    async run(args, { print }) {
      const { positionals } = options(args, {}, 1);
      const manifest = await backupOrInput(() => verifyBackup(positionals[0]!));
      print(`完好 / intact: ${positionals[0]} (${manifest.cases.length} cases, ${manifest.blobs.length} blobs)`);
    },
  },
  restore: {
    usage: 'restore DIR',
    summary:
      'fill an empty data dir (DAIBAN_DATA_DIR), and with DATABASE_URL an empty PostgreSQL database, from a backup, after checking every file against its manifest',
    async run(args, { config, print }) {
      const { positionals } = options(args, {}, 1);
      const manifest = await backupOrInput(() => restore(positionals[0]!, config.dataDir, config.databaseUrl));
      print(
        config.databaseUrl
          ? `已恢复到 PostgreSQL / restored into PostgreSQL (DATABASE_URL), blobs into ${config.dataDir}: ${manifest.cases.length} cases, ${manifest.blobs.length} blobs`
          : `已恢复 / restored into ${config.dataDir}: ${manifest.cases.length} cases, ${manifest.blobs.length} blobs`,
      );
      print(
        `请把主密钥文件放回 / put the master key file back at ${config.keys.file} (or set DAIBAN_MASTER_KEY) before starting`,
      );
    },
  },
  'migrate:to-postgres': {
    usage: 'migrate:to-postgres [--from FILE.sqlite] [--to postgres://…]',
    summary:
      'copy the SQLite database (DAIBAN_DB) into an empty PostgreSQL database (DATABASE_URL), verified table by table',
    async run(args, { config, print }) {
      const { values } = options(args, { from: { type: 'string' }, to: { type: 'string' } });
      const from = resolve(values.from ?? config.dbFile);
      const to = values.to ?? config.databaseUrl;
      if (!to) throw new UsageError('give --to postgres://… or set DATABASE_URL');
      // Writes after the copy would stay behind in SQLite.
      const running = runningServer(from === config.dbFile ? config.dataDir : dirname(from));
      if (running !== null)
        throw new MoveError(
          'migrate.server-running',
          `服务器（进程 ${running}）仍在使用该数据库，请先停止服务器 / a server (pid ${running}) is running on this database: stop it first`,
        );
      print(`源 / from: ${from}`);
      print(`目标 / to:   ${to.replace(/(:\/\/[^:@/]+:)[^@]+@/, '$1…@')}`);
      try {
        const report = await moveToPostgres({ from, to, keys: config.keys, print });
        for (const line of formatComparison(report.comparison)) print(line);
        print(
          `${report.alreadyCopied ? '已校验 / verified' : '已复制并校验 / copied and verified'}: ${report.comparison.length} 张表 tables, ${report.rows} 行 rows; 用时 / duration ${seconds(report.durationMs)} s`,
        );
        const p = report.phases;
        print(
          `  准备 prepare ${seconds(p.prepareMs)} s, 复制 copy ${seconds(p.copyMs)} s, 校验 verify ${seconds(p.verifyMs)} s, 操作记录 audit ${seconds(p.auditMs)} s`,
        );
        if (report.audit)
          print(
            `操作记录校验通过 / audit chains intact on PostgreSQL: ${report.audit.events} events in ${report.audit.chains} chains`,
          );
      } catch (error) {
        if (error instanceof MoveError && error.comparison)
          for (const line of formatComparison(error.comparison)) print(line);
        throw error;
      }
      print(
        `附件文件不在数据库中：文件目录 ${config.blobDir} 保持原位，PostgreSQL 上的服务器须使用同一目录（DAIBAN_BLOB_DIR）/ blob files are not in the database: leave ${config.blobDir} where it is and give the server on PostgreSQL the same folder`,
      );
      print(
        `加密数据按原样复制：PostgreSQL 上的服务器须使用同一主密钥（${config.keys.masterKey ? 'DAIBAN_MASTER_KEY' : config.keys.file}）/ encrypted data was copied as is: start the server on PostgreSQL with the same master key`,
      );
    },
  },
  'keys:status': {
    usage: 'keys:status',
    summary: 'encryption at rest: the master key in use, and rows or blobs still in clear or under an older key',
    async run(args, { config, store, print }) {
      options(args, {});
      const s = await keyStatus(await store(), config.blobDir);
      print(`主密钥 / master key ${s.current} (${s.source}); held: ${s.held.join(', ')}`);
      print(`未加密 / in clear: ${s.rows.clear} rows, ${s.blobs.clear} blob files`);
      print(`旧密钥 / under an older key: ${s.rows.olderKey} rows, ${s.blobs.olderKey} blob files`);
    },
  },
  'keys:encrypt-existing': {
    usage: 'keys:encrypt-existing',
    summary: 'encrypt rows and blob files written before encryption at rest (resumable; also done at every start)',
    async run(args, { config, store, print }) {
      options(args, {});
      const done = await encryptExisting(await store(), config.blobDir);
      print(`已加密 / encrypted: ${done.rows} rows, ${done.blobs} blob files`);
    },
  },
  'keys:rotate': {
    usage: 'keys:rotate',
    summary: 'new master key: re-wrap every data key under it, then retire the old one (server stopped)',
    async run(args, { config, print }) {
      options(args, {});
      const r = await keyOrInput(() => rotateKeys(config));
      if (r.resumed) print('继续未完成的轮换 / finished a rotation that had stopped half-way');
      print(`新主密钥 / current master key: ${r.current}; re-wrapped ${r.rows} rows, ${r.blobs} blob files`);
      if (r.retired.length === 0) {
        if (config.keys.masterKey)
          print(
            'DAIBAN_MASTER_KEY is set: start with the new key in DAIBAN_MASTER_KEY and the old one in DAIBAN_MASTER_KEY_PREVIOUS, then run keys:rotate',
          );
        return;
      }
      print(
        config.keys.masterKey
          ? `旧密钥已不再需要 / no data needs ${r.retired.join(', ')} any more: remove DAIBAN_MASTER_KEY_PREVIOUS`
          : `旧密钥已从 ${config.keys.file} 删除 / retired ${r.retired.join(', ')} from ${config.keys.file}`,
      );
      print(
        '注意：此前的备份仍需旧密钥才能读取，请立即重新备份 / backups made before now need the old key: take a new backup now',
      );
    },
  },
};

function help(): string {
  const width = Math.max(...Object.keys(VERBS).map((k) => k.length));
  return [
    'usage: npm run admin -- <verb> [options]   (data: DAIBAN_DATA_DIR, default ./data)',
    '',
    ...Object.entries(VERBS).map(([name, v]) => `  ${name.padEnd(width)}  ${v.summary}`),
    '',
    ...Object.values(VERBS).map((v) => `  npm run admin -- ${v.usage}`),
  ].join('\n');
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const verb = VERBS[name];
  if (!verb) {
    console.error(`未知命令 / unknown verb: ${name}\n\n${help()}`);
    return 2;
  }
  const config = loadConfig(env);
  let opened: Store | undefined;
  const ctx: VerbContext = {
    config,
    store: async () => {
      if (!opened) {
        mkdirSync(config.dataDir, { recursive: true });
        opened = await openStore(config, config.now());
      }
      return opened;
    },
    print: (line) => console.log(line),
  };
  try {
    await verb.run(args, ctx);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\nusage: npm run admin -- ${verb.usage}`);
      return 2;
    }
    if (error instanceof KeyError) {
      console.error(`错误 / error: encryption at rest: ${error.message}`);
      return 1;
    }
    if (error instanceof MoveError) {
      console.error(`错误 / error: ${error.message} (${error.code})`);
      return 1;
    }
    if (error instanceof InputError || error instanceof ApiFailure) {
      console.error(`错误 / error: ${error.message}${error instanceof ApiFailure ? ` (${error.code})` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    await opened?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
