// The rectification desk (差评整改), as one Fastify plugin: `app.register(rectificationRoutes, { store })`.
export { rectificationRoutes } from './routes';
