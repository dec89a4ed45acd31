// Statistics, as one Fastify plugin: `app.register(statsRoutes, { store })`.
export { statsRoutes } from './routes';
