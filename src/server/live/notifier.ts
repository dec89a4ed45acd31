// "Something in your scope changed": the server's hint to open live streams (GET /api/sync/live).
// Behind an interface: with several server processes on PostgreSQL, `cluster-notifier.ts` wraps
// this in-process one with LISTEN/NOTIFY. Hints carry a scope and a seq, never data: the device pulls.
import type { Scope, Visibility } from '../store';

export interface ChangeHint {
  scope: Scope;
  /** The newest change seq in this scope the commit made visible. */
  seq: number;
}

export type HintListener = (seq: number) => void;

export interface ChangeNotifier {
  /** After commit only: a subscriber that pulls at once must find the change. */
  publish(hint: ChangeHint): void;
  /** Hears hints a caller with `visibility` may pull (the same rule as changes.after). */
  subscribe(visibility: Visibility, listener: HintListener): () => void;
  /** Current subscribers (metrics, limits, bench). */
  readonly size: number;
}

const keyOf = (v: Visibility): string =>
  'villageCode' in v ? `v:${v.villageCode}` : 'townshipCode' in v ? `t:${v.townshipCode}` : `c:${v.countyCode}`;

/** One process: listeners grouped by the division they see, so a hint touches only its own. */
export function memoryNotifier(): ChangeNotifier {
  const groups = new Map<string, Set<HintListener>>();
  let size = 0;

  const deliver = (set: Set<HintListener> | undefined, seq: number) => {
    if (!set) return;
    for (const l of set) {
      try {
        l(seq);
      } catch {
        // A broken stream must not stop the others; its close handler unsubscribes it.
      }
    }
  };

  return {
    publish({ scope, seq }) {
      if (scope.villageCode === null && scope.townshipCode === null && scope.countyCode === null) {
        // Addressed to everyone (catalogue, calendar): every subscriber may pull it.
        for (const set of groups.values()) deliver(set, seq);
        return;
      }
      if (scope.villageCode !== null) deliver(groups.get(`v:${scope.villageCode}`), seq);
      if (scope.townshipCode !== null) deliver(groups.get(`t:${scope.townshipCode}`), seq);
      if (scope.countyCode !== null) deliver(groups.get(`c:${scope.countyCode}`), seq);
    },
    subscribe(visibility, listener) {
      const key = keyOf(visibility);
      let set = groups.get(key);
      if (!set) groups.set(key, (set = new Set()));
      if (!set.has(listener)) {
        set.add(listener);
        size++;
      }
      return () => {
        const s = groups.get(key);
        if (!s?.delete(listener)) return;
        size--;
        if (s.size === 0) groups.delete(key);
      };
    },
    get size() {
      return size;
    },
  };
}
