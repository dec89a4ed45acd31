// GET /api/ready: can this server serve? The database answers, every migration this code knows is
// applied, and the blob folder takes a write. 503 with the failing check otherwise, so a load
// balancer or monitor stops sending work. Liveness (`/api/health`) stays a bare "the process runs".
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { API, APP_VERSION, PROTOCOL_VERSION, type Readiness } from '../../domain/api';
import { serve } from '../http/route';
import { LATEST_SCHEMA_VERSION, type Store } from '../store';

type Check = z.infer<typeof Readiness>['checks']['database'];

const failed = (error: unknown): Check => ({
  ok: false,
  message: String((error as Error).message ?? error).slice(0, 300),
});

export async function checkReadiness(store: Store, blobDir: string): Promise<z.infer<typeof Readiness>> {
  let database: Check;
  let migrations: Check;
  try {
    const applied = await store.schemaVersion();
    database = { ok: true };
    migrations =
      applied === LATEST_SCHEMA_VERSION
        ? { ok: true }
        : { ok: false, message: `schema version ${applied}, this server needs ${LATEST_SCHEMA_VERSION}` };
  } catch (error) {
    database = failed(error);
    migrations = { ok: false, message: 'database unreachable' };
  }
  let blobs: Check;
  const probe = join(blobDir, `.ready-${randomUUID()}`);
  try {
    await writeFile(probe, 'ok');
    blobs = { ok: true };
  } catch (error) {
    blobs = failed(error);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
  return {
    ready: database.ok && migrations.ok && blobs.ok,
    app: APP_VERSION,
    protocol: PROTOCOL_VERSION,
    checks: { database, migrations, blobDir: blobs },
  };
}

export function registerReadiness(app: FastifyInstance, store: Store, blobDir: string): void {
  serve(
    app,
    API.ready,
    async ({ reply }) => {
      const readiness = await checkReadiness(store, blobDir);
      if (!readiness.ready) reply.code(503);
      return readiness;
    },
    { config: { rateLimit: false } },
  );
}
