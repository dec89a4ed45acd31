// The receipt's link to the public progress page, and the token as printed. Apart from token.ts
// (which the Case schema needs on the first screen): only the receipt uses these.
/** `abcde-fghjk-mnpqr-stvwx`: the token in groups of five, for reading aloud or typing. */
export const groupLookupToken = (token: string) => token.match(/.{1,5}/g)?.join('-') ?? token;

/** The public page's path for a case: `/q/<number>?t=<token>`. */
export const lookupPath = (caseNumber: string, token: string) =>
  `/q/${encodeURIComponent(caseNumber)}?t=${encodeURIComponent(token)}`;

/** The whole link for the QR code: the server's public address (no trailing slash) + path. */
export const lookupUrl = (baseUrl: string, caseNumber: string, token: string) =>
  `${baseUrl.replace(/\/+$/, '')}${lookupPath(caseNumber, token)}`;
