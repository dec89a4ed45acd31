// Live hints across server processes (several stateless processes on one PostgreSQL database):
// `publish` hands the hint to this process's streams at once and NOTIFYs the others on one
// channel; each process LISTENs on one dedicated connection and feeds what the others sent to its
// own streams. The payload is the hint itself ({ scope, seq }) and the sender's id, never data.
// While the LISTEN connection is down, hints from other processes are missed: once it is back,
// every local stream is told the feed's newest seq, so each device pulls whatever it missed.
import { randomUUID } from 'node:crypto';
import type { Cluster, Listening, Scope } from '../store';
import { memoryNotifier, type ChangeHint, type ChangeNotifier } from './notifier';

/** The PostgreSQL channel of change hints. */
export const CHANGES_CHANNEL = 'daiban_changes';

const EVERYONE: Scope = { villageCode: null, townshipCode: null, countyCode: null };

interface Message extends ChangeHint {
  from: string;
}

const code = (v: unknown): v is string | null => v === null || (typeof v === 'string' && v.length <= 64);

function parse(payload: string): Message | undefined {
  try {
    const m = JSON.parse(payload) as Partial<Message>;
    const s = m.scope;
    if (typeof m.from !== 'string' || !Number.isSafeInteger(m.seq) || !s) return undefined;
    if (!code(s.villageCode) || !code(s.townshipCode) || !code(s.countyCode)) return undefined;
    return {
      from: m.from,
      seq: m.seq!,
      scope: { villageCode: s.villageCode, townshipCode: s.townshipCode, countyCode: s.countyCode },
    };
  } catch {
    return undefined;
  }
}

export interface ClusterNotifier extends ChangeNotifier {
  /** Stops listening (the app's close). */
  close(): Promise<void>;
}

export interface ClusterNotifierOptions {
  /** The feed's newest seq (store.changes.head), told to every stream after a reconnect. */
  head: () => Promise<number>;
  warn: (message: string, error?: unknown) => void;
  /** How long the start waits for the first LISTEN (the start fails after it). */
  readyMs?: number;
}

/** Resolves once this process listens (a hint committed after that reaches its streams). */
export async function clusterNotifier(cluster: Cluster, options: ClusterNotifierOptions): Promise<ClusterNotifier> {
  const local = memoryNotifier();
  const self = randomUUID();
  const readyMs = options.readyMs ?? 30_000;
  const listening: Listening = cluster.listen(CHANGES_CHANNEL, {
    message(payload) {
      const m = parse(payload);
      if (!m) return options.warn('live: unreadable hint from another server process');
      if (m.from !== self) local.publish({ scope: m.scope, seq: m.seq });
    },
    lost: (error) => options.warn('live: lost the hint channel to the other server processes; reconnecting', error),
    reconnected() {
      options.head().then(
        (seq) => local.publish({ scope: EVERYONE, seq }),
        (error: unknown) => options.warn('live: could not read the newest seq after reconnecting', error),
      );
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`live: could not LISTEN on PostgreSQL within ${readyMs / 1000} s`)),
      readyMs,
    );
  });
  try {
    await Promise.race([listening.ready, timeout]);
  } catch (error) {
    await listening.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    publish(hint) {
      local.publish(hint);
      const message: Message = { ...hint, from: self };
      cluster
        .notify(CHANGES_CHANNEL, JSON.stringify(message))
        .catch((error: unknown) => options.warn('live: could not hint the other server processes', error));
    },
    subscribe: (visibility, listener) => local.subscribe(visibility, listener),
    get size() {
      return local.size;
    },
    close: () => listening.close(),
  };
}
