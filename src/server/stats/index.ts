// Statistics and the rectification desk, as one Fastify plugin: `app.register(statsRoutes, { store, db })`.
export { statsRoutes, type StatsResponse } from './routes';
export type { RectificationView } from './rectification-routes';
