// Statistics of the township review loop: pure functions over plain records (see types.ts).
export * from './types';
export * from './counts';
export * from './handling-time';
export * from './on-time';
export * from './returns';
export * from './ratings';
export * from './outcomes';
export * from './weekly';
export * from './report';
export * from './csv';
export * from './report-csv';
