export * from './common';
export * from './catalog';
export * from './person';
export * from './case';
export * from './decision';
export * from './audit';
export * from './sync';
