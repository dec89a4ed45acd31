export * from './check';
export * from './diff';
export * from './io';
export * from './preview';
