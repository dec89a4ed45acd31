// Statistics, as one Fastify plugin: `app.register(statsRoutes, { store })`.
export { statsRoutes, type StatsRoutesOptions, type StatsResponse } from './routes';
export { loadStatsInput } from './input';
export { parsePeriod, type Period } from './period';
