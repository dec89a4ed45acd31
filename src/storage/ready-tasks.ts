// Work to finish right after the database opens (Dexie's `ready` hook), registered by the modules
// that need it. Registration keeps db.ts free of heavy imports: pinyin-pro (~280 KB) is reachable
// only from persons.ts, so the service worker, which never saves persons, does not bundle it.
import type Dexie from 'dexie';

type ReadyTask = (db: Dexie) => Promise<void>;

const tasks = new Set<ReadyTask>();

export function onDatabaseReady(task: ReadyTask): void {
  tasks.add(task);
}

export async function runReadyTasks(db: Dexie): Promise<void> {
  for (const task of tasks) await task(db);
}
