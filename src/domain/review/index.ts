export * from './tolerance-window';
export * from './limit-label';
export * from './time-limit';
export * from './acceptance-window';
export * from './return-close';
export * from './tolerance-expiry';
export * from './follow-up';
export * from './return-reasons';
