// Which protocol a request speaks. Tablets are updated late, so the server answers the current
// and the previous protocol version; anything older gets 426 `version.unsupported` and the
// tablet keeps its outbox until the app is updated.
//
// Protocol 1 is the app before these headers existed: a request without the header speaks 1.
// Bump PROTOCOL_VERSION when a request or response changes in a way the previous app cannot
// read, and keep the server answering PROTOCOL_VERSION - 1 until every tablet has moved on.

export const PROTOCOL_VERSION = 2;
export const MIN_PROTOCOL_VERSION = PROTOCOL_VERSION - 1;

/** The app's release, sent with every request for the server's logs and diagnostics. Equal to
 *  package.json's version (a test keeps the two together). */
export const APP_VERSION = '0.2.0';

export const PROTOCOL_HEADER = 'x-daiban-protocol';
const APP_VERSION_HEADER = 'x-daiban-app';

/** The protocol a request's header names; a missing header is protocol 1, garbage is 0. */
export function requestProtocol(header: string | string[] | undefined | null): number {
  if (header === undefined || header === null) return 1;
  const raw = Array.isArray(header) ? header[0] : header;
  return raw !== undefined && /^\d{1,4}$/.test(raw.trim()) ? Number(raw) : 0;
}

export const isSupportedProtocol = (protocol: number) =>
  protocol >= MIN_PROTOCOL_VERSION && protocol <= PROTOCOL_VERSION;

/** Headers every client request carries. */
export const versionHeaders = (): Record<string, string> => ({
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  [APP_VERSION_HEADER]: APP_VERSION,
});
