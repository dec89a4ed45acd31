// The store, telling the notifier about every change it appends — whoever appends it (push,
// review decision, catalogue publishing) — once the change is committed: a hint sent from inside
// a transaction could reach a device that pulls before the commit and finds nothing.
import type { Scope, Store } from '../store';
import type { ChangeNotifier } from './notifier';

const scopeKey = (s: Scope) => `${s.villageCode ?? ''}|${s.townshipCode ?? ''}|${s.countyCode ?? ''}`;

export function notifyingStore(store: Store, notifier: ChangeNotifier): Store {
  return {
    ...store,
    changes: {
      ...store.changes,
      async append(scope, change, now) {
        const seq = await store.changes.append(scope, change, now);
        notifier.publish({ scope, seq });
        return seq;
      },
    },
    async transaction(work) {
      // Newest seq per scope, published after the commit; nothing if it rolls back.
      const pending = new Map<string, { scope: Scope; seq: number }>();
      const result = await store.transaction((tx) =>
        work({
          ...tx,
          changes: {
            ...tx.changes,
            async append(scope, change, now) {
              const seq = await tx.changes.append(scope, change, now);
              pending.set(scopeKey(scope), { scope, seq });
              return seq;
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
        }),
      );
      for (const hint of pending.values()) notifier.publish(hint);
      return result;
    },
  };
}
