// The store, telling the notifier about every change it appends — whoever appends it (push,
// review decision, catalogue publishing) — once the change is committed: a hint sent from inside
// a transaction could reach a device that pulls before the commit and finds nothing.
import type { Scope, Store } from '../store';
import type { ChangeNotifier } from './notifier';

const scopeKey = (s: Scope) => `${s.villageCode ?? ''}|${s.townshipCode ?? ''}|${s.countyCode ?? ''}`;

export function notifyingStore(store: Store, notifier: ChangeNotifier): Store {
  const append: Store['changes']['append'] = async (scope, change, now) => {
    const seq = await store.changes.append(scope, change, now);
    notifier.publish({ scope, seq });
    return seq;
  };
  return {
    ...store,
    changes: {
      ...store.changes,
      append,
      // Outside a transaction there is no round trip to save: the seq is asked for.
      add: async (scope, change, now) => void (await append(scope, change, now)),
    },
    async transaction(work) {
      // Newest seq per scope, published after the commit; nothing if it rolls back. A change
      // `add`ed (its seq not asked for) is hinted with the feed's head at the end of the
      // transaction: its newest change, since nothing else commits meanwhile ("up to seq N").
      const pending = new Map<string, { scope: Scope; seq: number | null }>();
      const result = await store.transaction(async (tx) => {
        const out = await work({
          ...tx,
          changes: {
            ...tx.changes,
            async append(scope, change, now) {
              const seq = await tx.changes.append(scope, change, now);
              pending.set(scopeKey(scope), { scope, seq });
              return seq;
            },
            async add(scope, change, now) {
              await tx.changes.add(scope, change, now);
              pending.set(scopeKey(scope), { scope, seq: null });
            },
          },
          // A savepoint rolled back takes its hints with it (a mutation of a push that failed).
          async savepoint(inner) {
            const before = new Map(pending);
            try {
              return await tx.savepoint(inner);
            } catch (error) {
              pending.clear();
              for (const [key, hint] of before) pending.set(key, hint);
              throw error;
            }
          },
        });
        if ([...pending.values()].some((h) => h.seq === null)) {
          const head = await tx.changes.head();
          for (const hint of pending.values()) hint.seq ??= head;
        }
        return out;
      });
      for (const { scope, seq } of pending.values()) notifier.publish({ scope, seq: seq! });
      return result;
    },
  };
}
