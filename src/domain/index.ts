// The domain's public surface, shared by page, workers, service worker and server.
export * from './result';
export * from './ids';
export * from './case-number';
export * from './dates';
export * from './divisions';
export * from './schemas';
export * from './state-machine';
export * from './calendar';
export * from './validators';
export * from './rules';
export * from './prefill';
export * from './persons/merge';
