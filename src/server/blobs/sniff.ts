// Magic-byte sniffing: the declared MIME type is never trusted. Only what a case may contain —
// photos (JPEG, PNG, WebP) and scanned PDFs — is accepted.
export type BlobMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 12;

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);

export function sniffMime(head: Uint8Array): BlobMime | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return undefined;
}
