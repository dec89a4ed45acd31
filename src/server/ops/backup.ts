// Backup and restore of a township server's data while it runs. `backup` takes a consistent copy:
// the database first (one read transaction, `VACUUM INTO`, by a connection of its own so the
// admin CLI can run it beside the server), then exactly the blob files that snapshot lists as
// complete — blobs are content-addressed and written before their row says complete, so every
// one the snapshot names is on disk, and blobs that arrive later belong to the next backup. Last
// comes manifest.json with the size and SHA-256 of every file: a folder without it is not a
// backup. `restore` fills an empty data folder from a backup after checking every hash.
//
//   <backup>/manifest.json
//   <backup>/daiban.sqlite
//   <backup>/blobs/ab/cd/<sha256>
//   <backup>/tls/<file>            when given: the server's own CA and certificate (data/tls)
//
// On PostgreSQL (`databaseUrl`) the database part is the same SQLite file, written by copying every
// table from one consistent PostgreSQL snapshot (store/postgres-dump.ts, checked table by table);
// restore with `databaseUrl` copies it into an empty PostgreSQL database (store/move-to-postgres.ts,
// one transaction, verified). So a backup taken on either database restores onto either.
//
// Personal data is encrypted at rest (src/server/crypto): a backup holds it encrypted, and never
// the master key — that is kept apart, and a restore needs it back (README, encryption at rest).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { APP_VERSION } from '../../domain/api';
import { describeSnapshot, snapshotSqlite } from '../store';
import { MoveError, moveToPostgres } from '../store/move-to-postgres';
import { DumpError, dumpPostgres } from '../store/postgres-dump';
import { isSealedFile, plainSha256 } from '../crypto/blob-cipher';
import type { KeyRing } from '../crypto/key-ring';

export const MANIFEST_FILE = 'manifest.json';
/** Names inside a backup and inside the restored data folder (the server's default layout). */
const DATABASE_FILE = 'daiban.sqlite';
const BLOB_FOLDER = 'blobs';
const TLS_FOLDER = 'tls';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const BackupFile = z.object({
  /** Relative to the backup folder, with forward slashes. */
  path: z.string().regex(/^(daiban\.sqlite|blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}|tls\/[A-Za-z0-9][\w.-]*)$/),
  size: z.number().int().nonnegative(),
  sha256: Sha256,
});

export const BackupManifest = z.object({
  format: z.literal('daiban-backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  app: z.string(),
  schemaVersion: z.number().int(),
  /** Where the backup was taken; absent = SQLite (backups from before PostgreSQL). */
  database: z.literal('postgres').optional(),
  files: z.array(BackupFile).min(1),
  /** Every case in the database copy, with its version: what a restore must bring back. */
  cases: z.array(z.object({ id: z.string(), version: z.number().int() })),
  /** Every blob the database copy holds as complete (its file is in `files`). */
  blobs: z.array(Sha256),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const blobPath = (sha256: string) => `${BLOB_FOLDER}/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
const onDisk = (root: string, path: string) => join(root, ...path.split('/'));

function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Copies `from` to `to` (created), returning the SHA-256 and size of the bytes copied; fsyncs. */
async function copyHashed(from: string, to: string): Promise<{ sha256: string; size: number }> {
  await mkdir(dirname(to), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), tap, createWriteStream(to, { flags: 'wx' }));
  await fsync(to);
  return { sha256: hash.digest('hex'), size };
}

async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a consistent backup of the database file and blob folder into `dir` (missing or empty).
 * Safe while the server runs and writes.
 */
export async function backup(
  source: {
    dbFile: string;
    /** PostgreSQL instead of `dbFile`. */
    databaseUrl?: string | null;
    blobDir: string;
    /** The server's own CA and certificate (data/tls): without them, a restore makes every tablet
     *  install a new CA. Copied when the folder exists. */
    tlsDir?: string;
    /** The master keys: blob files are encrypted at rest, and with the keys the backup checks that
     *  each decrypts to bytes that hash to its name (without them, only the copy's own hash). The
     *  keys themselves are never copied into a backup. */
    ring?: KeyRing;
  },
  dir: string,
  now: () => number = Date.now,
): Promise<BackupManifest> {
  const target = resolve(dir);
  if (!isEmptyOrMissing(target)) throw new BackupError(`backup folder ${target} is not empty`);
  if (!source.databaseUrl && !existsSync(source.dbFile)) throw new BackupError(`no database at ${source.dbFile}`);
  await mkdir(target, { recursive: true });

  const dbCopy = join(target, DATABASE_FILE);
  if (source.databaseUrl) {
    try {
      await dumpPostgres(source.databaseUrl, dbCopy);
    } catch (error) {
      for (const entry of readdirSync(target)) await rm(join(target, entry), { recursive: true, force: true });
      if (error instanceof DumpError) throw new BackupError(`PostgreSQL: ${error.message}`);
      throw error;
    }
  } else snapshotSqlite(source.dbFile, dbCopy);
  await fsync(dbCopy);
  const contents = describeSnapshot(dbCopy);
  const files: BackupManifest['files'] = [{ path: DATABASE_FILE, ...(await hashFile(dbCopy)) }];

  for (const sha256 of contents.blobs) {
    const path = blobPath(sha256);
    const from = onDisk(resolve(source.blobDir), path.slice(BLOB_FOLDER.length + 1));
    if (!existsSync(from)) throw new BackupError(`blob ${sha256} is complete in the database but missing at ${from}`);
    const to = onDisk(target, path);
    const copied = await copyHashed(from, to);
    const sealed = await isSealedFile(to);
    const content = sealed
      ? source.ring && (await plainSha256(source.ring, sha256, to).catch(() => 'unreadable'))
      : copied.sha256;
    if (content !== undefined && content !== sha256)
      throw new BackupError(`blob file ${from} is damaged (its ${sealed ? 'decrypted ' : ''}bytes hash to ${content})`);
    files.push({ path, ...copied });
  }

  if (source.tlsDir && existsSync(source.tlsDir)) {
    for (const entry of readdirSync(source.tlsDir, { withFileTypes: true })) {
      if (!entry.isFile() || !/^[A-Za-z0-9][\w.-]*$/.test(entry.name)) continue;
      const path = `${TLS_FOLDER}/${entry.name}`;
      files.push({ path, ...(await copyHashed(join(source.tlsDir, entry.name), onDisk(target, path))) });
    }
  }

  const manifest: BackupManifest = {
    format: 'daiban-backup',
    formatVersion: 1,
    createdAt: new Date(now()).toISOString(),
    app: APP_VERSION,
    schemaVersion: contents.schemaVersion,
    ...(source.databaseUrl && { database: 'postgres' as const }),
    files,
    cases: contents.cases,
    blobs: contents.blobs,
  };
  // Written last: a folder without a manifest is an interrupted backup, not a backup.
  const manifestPath = join(target, MANIFEST_FILE);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`, { flag: 'wx' });
  await fsync(manifestPath);
  return manifest;
}

/** Reads and checks a backup's manifest and every file's size and hash; throws on the first fault. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  const root = resolve(dir);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(root, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    throw new BackupError(`${join(root, MANIFEST_FILE)} is missing or unreadable: ${(error as Error).message}`);
  }
  const parsed = BackupManifest.safeParse(raw);
  if (!parsed.success) throw new BackupError(`${MANIFEST_FILE} is not a daiban backup manifest`);
  const manifest = parsed.data;
  for (const file of manifest.files) {
    const path = onDisk(root, file.path);
    if (!existsSync(path)) throw new BackupError(`backup file ${file.path} is missing`);
    const actual = await hashFile(path);
    if (actual.sha256 !== file.sha256 || actual.size !== file.size)
      throw new BackupError(`backup file ${file.path} does not match its manifest hash`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  if (!listed.has(DATABASE_FILE)) throw new BackupError('the backup has no database');
  for (const sha256 of manifest.blobs)
    if (!listed.has(blobPath(sha256))) throw new BackupError(`blob ${sha256} is not in the backup`);
  return manifest;
}

/**
 * Restores the backup in `dir` into `dataDir`, which must be missing or empty (a restore never
 * mixes with live data). Every hash is checked before anything is written and again on the
 * copies; on any fault the data folder is left empty. With `databaseUrl`, the database goes into
 * that PostgreSQL database instead (which must hold no data; all or nothing, verified table by
 * table) and the data folder gets the blobs and the CA.
 */
export async function restore(dir: string, dataDir: string, databaseUrl?: string | null): Promise<BackupManifest> {
  const root = resolve(dir);
  const target = resolve(dataDir);
  if (!isEmptyOrMissing(target))
    throw new BackupError(`data folder ${target} is not empty: restore only into an empty one`);
  if (!relative(root, target).startsWith('..')) throw new BackupError('the data folder must not be inside the backup');
  const manifest = await verifyBackup(root);
  await mkdir(target, { recursive: true });
  try {
    for (const file of manifest.files) {
      if (databaseUrl && file.path === DATABASE_FILE) continue;
      const copied = await copyHashed(onDisk(root, file.path), onDisk(target, file.path));
      if (copied.sha256 !== file.sha256) throw new BackupError(`backup file ${file.path} changed while restoring`);
    }
    await mkdir(join(target, BLOB_FOLDER), { recursive: true });
    if (databaseUrl) {
      await restoreIntoPostgres(onDisk(root, DATABASE_FILE), databaseUrl, manifest);
      return manifest;
    }
    const restored = describeSnapshot(join(target, DATABASE_FILE));
    if (restored.cases.length !== manifest.cases.length || restored.blobs.length !== manifest.blobs.length)
      throw new BackupError('the restored database does not hold what the manifest lists');
  } catch (error) {
    for (const entry of readdirSync(target)) await rm(join(target, entry), { recursive: true, force: true });
    throw error;
  }
  return manifest;
}

async function restoreIntoPostgres(file: string, databaseUrl: string, manifest: BackupManifest): Promise<void> {
  try {
    const report = await moveToPostgres({ from: file, to: databaseUrl });
    const cases = report.comparison.find((c) => c.table === 'cases');
    if (report.alreadyCopied)
      throw new BackupError('the PostgreSQL database already holds this backup: restore only into an empty one');
    if (cases?.target.rows !== manifest.cases.length)
      throw new BackupError('the restored database does not hold what the manifest lists');
  } catch (error) {
    if (error instanceof MoveError) throw new BackupError(`${error.message} (${error.code})`);
    throw error;
  }
}
