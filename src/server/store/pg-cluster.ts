// What several stateless server processes on one PostgreSQL database share (store/sql.ts
// `Cluster`): named locks (session advisory locks), single statements outside the write lock,
// and LISTEN/NOTIFY.
//
// Locks live on a pool of their own: a holder's `work` uses the main pool, and a waiter blocked in
// `pg_advisory_lock` holds only a lock connection, so waiting never starves the work it waits for.
// In this process one waiter per name asks the database (KeyedMutex), the others queue here. A
// process that dies loses its connections, and PostgreSQL releases their locks with them.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { KeyedMutex } from './keyed-mutex';
import type { ChannelEvents, Cluster, Listening, Sql } from './sql';

/** First key of every named lock (two-int4 advisory keys never meet the one-bigint write lock key). */
const NAMED_LOCK_CLASS = 0x64616962; // "daib"

/** The second key: 32 bits of the name's SHA-256 (two names sharing it only wait for each other). */
const lockKey = (name: string) => createHash('sha256').update(name).digest().readInt32BE(0);

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

export interface PgClusterOptions {
  url: string;
  /** The main pool (single statements, NOTIFY). */
  pool: pg.Pool;
  /** Connections for named locks held at once by this process. */
  lockConnections: number;
  direct: Sql;
}

export function pgCluster({
  url,
  pool,
  lockConnections,
  direct,
}: PgClusterOptions): Cluster & { end(): Promise<void> } {
  const lockPool = new pg.Pool({ connectionString: url, max: lockConnections });
  lockPool.on('error', () => undefined); // an idle lock connection lost: the next lock gets a new one
  const local = new KeyedMutex();
  const listening = new Set<Listening>();

  const exclusive = <T>(name: string, work: () => Promise<T>): Promise<T> =>
    local.run(name, async () => {
      const client = await lockPool.connect();
      const key = lockKey(name);
      // A checked-out client's error event has no listener in pg-pool: without this one, a lost
      // connection would end the process. The lock is gone with the connection; `work` runs on.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      const release = () => {
        client.removeListener('error', onError);
        client.release(broken);
      };
      try {
        await client.query(`SELECT pg_advisory_lock(${NAMED_LOCK_CLASS}, $1)`, [key]);
      } catch (error) {
        broken = error as Error;
        release();
        throw error;
      }
      try {
        return await work();
      } finally {
        if (!broken) {
          try {
            await client.query(`SELECT pg_advisory_unlock(${NAMED_LOCK_CLASS}, $1)`, [key]);
          } catch (error) {
            broken = error as Error; // dropping the connection releases the lock
          }
        }
        release();
      }
    });

  const listen = (channel: string, events: ChannelEvents): Listening => {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${channel}`);
    let closed = false;
    let current: pg.Client | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delay = RECONNECT_MIN_MS;
    let everConnected = false;
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));

    const drop = (client: pg.Client, error: unknown) => {
      if (current !== client && current !== undefined) return;
      current = undefined;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (closed || timer) return;
      if (everConnected) events.lost?.(error);
      timer = setTimeout(() => {
        timer = undefined;
        void connect();
      }, delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };

    const connect = async () => {
      const client = new pg.Client({ connectionString: url });
      current = client;
      client.on('error', (error) => drop(client, error));
      client.on('end', () => drop(client, new Error('connection ended')));
      client.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) events.message(n.payload);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${channel}`);
      } catch (error) {
        drop(client, error);
        return;
      }
      if (closed) {
        await client.end().catch(() => undefined);
        return;
      }
      delay = RECONNECT_MIN_MS;
      if (everConnected) events.reconnected?.();
      everConnected = true;
      markReady();
    };
    void connect();

    const handle: Listening = {
      ready,
      async close() {
        closed = true;
        listening.delete(handle);
        if (timer) clearTimeout(timer);
        const client = current;
        current = undefined;
        if (client) {
          client.removeAllListeners('end');
          await client.end().catch(() => undefined);
        }
      },
    };
    listening.add(handle);
    return handle;
  };

  return {
    shared: true,
    exclusive,
    direct,
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    listen,
    async end() {
      await Promise.all([...listening].map((l) => l.close()));
      await lockPool.end();
    },
  };
}
