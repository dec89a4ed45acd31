// Names shared by the page and the service worker. DO NOT RENAME: a page and a service worker of
// different app versions must still agree on them during an update.

/** Web Locks name that serialises drains across tabs and the service worker. */
export const SYNC_LOCK_NAME = 'daiban-sync';
/** Background Sync tag the page registers and the service worker answers. */
export const BACKGROUND_SYNC_TAG = 'daiban-sync';
/** `type` of the message the service worker posts to pages after a background drain. */
export const SYNC_REPORT_MESSAGE = 'daiban-sync-report';
/** Page → service worker: the unlocked data key (`key`: raw bytes), or none (`key` absent: locked). */
export const DEVICE_KEY_MESSAGE = 'daiban-device-key';
/** Service worker → pages: "send me the key if you are unlocked" (a restarted worker forgot it). */
export const DEVICE_KEY_REQUEST = 'daiban-device-key-request';
/** Service worker → pages: a background sync found the device locked and left the outbox as it was. */
export const SYNC_LOCKED_MESSAGE = 'daiban-sync-locked';
/** Page → the waiting service worker: the user agreed to the update, take over now. */
export const SKIP_WAITING_MESSAGE = 'SKIP_WAITING';
