// Optional demo data: `node --import tsx scripts/seed.ts` adds a handful of cases in every state
// (waiting, returned, accepted with tolerance, overdue, delivered) to the server's data folder
// (DAIBAN_DATA_DIR, default ./data), through the real API. Run it while the server is stopped.
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { seedDemoCases } from './demo/scenarios';
import { DEMO_COUNTY } from '../src/server/seed/demo-county';

const clock = { now: Date.now() };
const config = { ...loadConfig(), logLevel: 'warn' as const, now: () => clock.now };
if (!config.seedDemo) throw new Error('DAIBAN_DEMO=0: the demo logins are needed to add demo cases');
const app = await buildApp(config);
try {
  const existing = await app.store.cases.counts({ visibility: { countyCode: DEMO_COUNTY.code } });
  if (existing.total > 0) {
    console.log(`${config.dbFile} already holds ${existing.total} cases: nothing added.`);
  } else {
    const rows = await seedDemoCases(app, clock);
    console.log(`Added ${rows.length} demo cases to ${config.dbFile}:`);
    for (const r of rows) console.log(`  ${r.number}  ${r.status}`);
  }
} finally {
  await app.close();
}
