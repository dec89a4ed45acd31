export * from './tolerance-window';
export type * from './api-types';
