// Device-generated ids: UUIDv7 (time-ordered, so indexes stay append-mostly). WebCrypto exists in
// every runtime we ship to (page, worker, service worker, Node >= 20), so this stays pure.

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}
const random = (globalThis as unknown as { crypto: RandomSource }).crypto;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function uuidv7(now: number = Date.now()): string {
  const b = random.getRandomValues(new Uint8Array(16));
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
