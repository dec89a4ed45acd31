export * from './check';
export * from './diff';
export * from './io';
