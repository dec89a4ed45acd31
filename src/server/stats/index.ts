// Statistics, as one Fastify plugin: `app.register(statsRoutes, { store, db })`.
export { statsRoutes } from './routes';
