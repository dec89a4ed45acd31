export * from './tolerance-window';
