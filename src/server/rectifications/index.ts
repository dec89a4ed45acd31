// The rectification desk (差评整改), as one Fastify plugin: `app.register(rectificationRoutes, { store })`.
export { rectificationRoutes, CloseRectificationBody, type RectificationRoutesOptions, type RectificationView } from './routes';
export { closeRectification } from './close';
