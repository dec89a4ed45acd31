// Statistics and the rectification desk, as one Fastify plugin: `app.register(statsRoutes, { store, db })`.
export { statsRoutes, type StatsRoutesOptions } from './routes';
export { loadStatsInput, listRectifications } from './queries';
export { parsePeriod, type Period } from './period';
