// A separate process appending audit events to one case chain and the admin chain, as the admin
// CLI and the server both do on one SQLite file:
//   node --import tsx audit-writer.ts FILE CASE N START_MS
// Writers started together wait for START_MS (wall clock), so their writes overlap.
import { uuidv7 } from '../../src/domain';
import { dirname, join } from 'node:path';
import { openSqliteStore } from '../../src/server/store';

const [file, caseId, count, start] = process.argv.slice(2);
// The key file next to the database, as the server's defaults put it (made by whichever process is first).
const keys = { masterKey: null, previousKeys: [], file: join(dirname(file!), 'keys', 'master.key') };
const store = await openSqliteStore(file!, keys);
await new Promise((r) => setTimeout(r, Math.max(0, Number(start) - Date.now())));
for (let i = 0; i < Number(count); i++) {
  const at = Date.now();
  const onCase = i % 2 === 0;
  await store.audit.insert(
    {
      id: uuidv7(at),
      entity: onCase ? 'case' : 'user',
      entityId: onCase ? caseId! : `u${process.pid}`,
      ...(onCase && { caseId }),
      action: 'note',
      actor: { role: 'system', id: `pid-${process.pid}` },
      at,
    },
    at,
  );
  // A pause between transactions, as between requests: SQLite's busy wait lets the others in.
  await new Promise((r) => setTimeout(r, 3));
}
await store.close();
