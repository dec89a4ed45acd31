export * from './check';
export * from './diff';
