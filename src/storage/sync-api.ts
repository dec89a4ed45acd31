// The slice of storage that sync and the service worker need: outbox, files, pull and
// settings — no person profiles. Importing this instead of './index' keeps
// pinyin-pro (~280 KB, reachable only from persons.ts) out of the service worker bundle.
export * from './outbox';
export * from './blobs';
export * from './pull';
export * from './settings';
export * from './restore';
