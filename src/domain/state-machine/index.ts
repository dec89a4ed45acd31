export * from './actions';
export * from './labels';
export * from './transitions';
export * from './errors';
export * from './machine';
