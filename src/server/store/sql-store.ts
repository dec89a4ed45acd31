// The Store over any SqlDatabase: the repositories bound to the database outside transactions,
// and bound to the transaction's connection inside `transaction()`.
import type { Sql, SqlDatabase } from './sql';
import type { Repositories, Store } from './store';
import { divisionRepo, userRepo } from './repos/accounts';
import { loginFailureRepo, sessionRepo } from './repos/sessions';
import { catalogRepo } from './repos/catalog';
import { caseRepo, materialRepo, personRepo } from './repos/cases';
import { blobRepo } from './repos/blobs';
import { decisionRepo, ratingRepo, rectificationRepo } from './repos/review';
import { auditRepo, changeRepo, mutationRepo } from './repos/log';
import { statsRepo } from './repos/stats';

export function repositories(sql: Sql): Repositories {
  return {
    divisions: divisionRepo(sql),
    users: userRepo(sql),
    sessions: sessionRepo(sql),
    loginFailures: loginFailureRepo(sql),
    catalog: catalogRepo(sql),
    persons: personRepo(sql),
    cases: caseRepo(sql),
    materials: materialRepo(sql),
    blobs: blobRepo(sql),
    decisions: decisionRepo(sql),
    ratings: ratingRepo(sql),
    rectifications: rectificationRepo(sql),
    stats: statsRepo(sql),
    audit: auditRepo(sql),
    mutations: mutationRepo(sql),
    changes: changeRepo(sql),
  };
}

export function sqlStore(db: SqlDatabase): Store {
  return {
    ...repositories(db),
    transaction: (work) => db.transaction((tx) => work(repositories(tx))),
    schemaVersion: async () =>
      (await db.get<{ v: number | null }>(`SELECT MAX(version) AS v FROM schema_version`))?.v ?? 0,
    close: () => db.close(),
  };
}
