// Server settings from the environment, with embedded defaults (SQLite + files under ./data).
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  blobDir: string;
  staticDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(env.DAIBAN_DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    dbFile: resolve(env.DAIBAN_DB ?? `${dataDir}/daiban.sqlite`),
    blobDir: resolve(env.DAIBAN_BLOB_DIR ?? `${dataDir}/blobs`),
    staticDir: resolve(env.DAIBAN_STATIC_DIR ?? 'dist'),
  };
}
