// The HTTP contract between device and server: one schema per route input and answer.
export * from './version';
export * from './errors';
export * from './shapes';
export * from './auth';
export * from './blobs';
export * from './sync';
export * from './review';
export * from './stats';
export * from './rectifications';
export * from './diagnostics';
export * from './ops';
export * from './admin';
export * from './holidays';
export * from './account';
export * from './route-spec';
export * from './routes';
