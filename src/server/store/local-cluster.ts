// The `Cluster` of a database only one server process uses (SQLite): locks and the channel are
// in this process, and statements go through the database as usual.
import { KeyedMutex } from './keyed-mutex';
import type { ChannelEvents, Cluster, Sql } from './sql';

export function localCluster(db: Sql): Cluster {
  const locks = new KeyedMutex();
  const channels = new Map<string, Set<ChannelEvents>>();
  return {
    shared: false,
    exclusive: (name, work) => locks.run(name, work),
    direct: db,
    async notify(channel, payload) {
      for (const listener of channels.get(channel) ?? []) listener.message(payload);
    },
    listen(channel, events) {
      let set = channels.get(channel);
      if (!set) channels.set(channel, (set = new Set()));
      set.add(events);
      return {
        ready: Promise.resolve(),
        close: async () => {
          set.delete(events);
        },
      };
    },
  };
}
