export * from './tolerance-window';
export * from './acceptance-window';
export * from './return-close';
export * from './tolerance-expiry';
export * from './follow-up';
