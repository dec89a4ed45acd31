// The Store over any SqlDatabase: the repositories bound to the database outside transactions,
// and bound to the transaction's connection inside `transaction()`.
import type { RecordCipher } from '../crypto/envelope';
import type { KeyRing } from '../crypto/key-ring';
import { existingSealed, markExistingSealed, pendingRows, rewrapAll, sealExisting } from './at-rest';
import type { Sql, SqlDatabase } from './sql';
import type { Repositories, Store } from './store';
import { savepoints } from './savepoint';
import { divisionRepo, userRepo } from './repos/accounts';
import { loginFailureRepo, sessionRepo } from './repos/sessions';
import { catalogRepo } from './repos/catalog';
import { holidayRepo } from './repos/holidays';
import { caseRepo, materialRepo, personRepo } from './repos/cases';
import { blobRepo } from './repos/blobs';
import { decisionRepo, ratingRepo, rectificationRepo } from './repos/review';
import { auditRepo, changeRepo, mutationRepo } from './repos/log';
import { statsRepo } from './repos/stats';
import { rateLimitRepo } from './repos/rate-limits';

/** Personal data is sealed and opened by `cipher` at this boundary (store/at-rest.ts lists the columns). */
export function repositories(sql: Sql, cipher: RecordCipher): Repositories {
  return {
    divisions: divisionRepo(sql),
    users: userRepo(sql),
    sessions: sessionRepo(sql),
    loginFailures: loginFailureRepo(sql),
    catalog: catalogRepo(sql),
    holidays: holidayRepo(sql),
    persons: personRepo(sql, cipher),
    cases: caseRepo(sql, cipher),
    materials: materialRepo(sql, cipher),
    blobs: blobRepo(sql),
    decisions: decisionRepo(sql, cipher),
    ratings: ratingRepo(sql, cipher),
    rectifications: rectificationRepo(sql, cipher),
    stats: statsRepo(sql, cipher),
    audit: auditRepo(sql),
    mutations: mutationRepo(sql, cipher),
    changes: changeRepo(sql, cipher),
  };
}

export function sqlStore(
  db: SqlDatabase,
  cipher: RecordCipher & { readonly ring: KeyRing },
  createdKeyFile = false,
): Store {
  const outside = repositories(db, cipher);
  return {
    ...outside,
    // An audit event reads its chain's head and writes after it: never outside a transaction.
    audit: { ...outside.audit, insert: (e, serverAt) => db.transaction((tx) => auditRepo(tx).insert(e, serverAt)) },
    crypto: {
      ring: cipher.ring,
      createdKeyFile,
      sealExisting: () => sealExisting(db, cipher),
      existingSealed: () => existingSealed(db),
      markExistingSealed: (now) => markExistingSealed(db, cipher.ring, now),
      rewrap: () => rewrapAll(db, cipher.ring),
      pending: () => pendingRows(db, cipher.ring),
    },
    transaction: (work) => db.transaction((tx) => work({ ...repositories(tx, cipher), savepoint: savepoints(tx) })),
    cluster: db.cluster,
    rateLimits: rateLimitRepo(db.cluster.direct),
    schemaVersion: async () =>
      (await db.get<{ v: number | null }>(`SELECT MAX(version) AS v FROM schema_version`))?.v ?? 0,
    close: () => db.close(),
  };
}
