export * from './tolerance-window';
export * from './limit-label';
export * from './time-limit';
