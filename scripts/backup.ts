// Backup and restore from the command line, beside a running server or with it stopped:
//   node dist-server/backup.mjs backup <dir>    consistent copy of DAIBAN_DATA_DIR's database and blobs
//   node dist-server/backup.mjs restore <dir>   fills an empty DAIBAN_DATA_DIR from a backup
//   node dist-server/backup.mjs verify <dir>    checks every file of a backup against its manifest
// (or `node --import tsx scripts/backup.ts …` from the sources). Settings as for the server
// (src/server/config.ts). The admin CLI offers the same as `admin backup|restore`.
import { join } from 'node:path';
import { loadConfig } from '../src/server/config';
import { BackupError, backup, restore, verifyBackup } from '../src/server/ops/backup';

const [verb, dir] = process.argv.slice(2);
if (!dir || !['backup', 'restore', 'verify'].includes(verb ?? '')) {
  console.error('usage: backup.mjs backup|restore|verify <dir>');
  process.exit(64);
}

try {
  const config = loadConfig();
  const started = Date.now();
  const manifest =
    verb === 'backup'
      ? await backup({ ...config, tlsDir: join(config.dataDir, 'tls') }, dir)
      : verb === 'restore'
        ? await restore(dir, config.dataDir)
        : await verifyBackup(dir);
  const bytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
  const done = {
    backup: `backed up to ${dir}`,
    restore: `restored into ${config.dataDir}`,
    verify: `${dir} is intact`,
  }[verb as 'backup' | 'restore' | 'verify'];
  console.log(
    `${done}: ${manifest.cases.length} cases, ${manifest.blobs.length} blobs, ` +
      `${(bytes / 1e6).toFixed(1)} MB, schema ${manifest.schemaVersion}, in ${Date.now() - started} ms`,
  );
} catch (error) {
  console.error(
    error instanceof BackupError || (error as Error).name === 'ConfigError' ? (error as Error).message : error,
  );
  process.exit(1);
}
