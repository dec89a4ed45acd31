// Blob files encrypted on disk: a fresh data key per blob, wrapped by the master key in the file's
// header, and the bytes in 64 KiB segments, each AES-256-GCM with its own tag (the nonce carries
// the segment number and a "last" flag), so a reader releases only bytes it has verified and a
// truncated, reordered or swapped file fails instead of serving wrong bytes.
//
//   "DAIBANB1" | key id (12) | wrapped data key (60) | nonce prefix (7) | segments: ciphertext + tag
//
// Plain files (written before encryption at rest) have no such header: they are JPEG, PNG, WebP
// or PDF, none of which starts with the magic, and are read as they are until sealed.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { KEY_BYTES, KeyError, WRAPPED_BYTES, type KeyRing } from './key-ring';

const MAGIC = Buffer.from('DAIBANB1');
const KID_BYTES = 12;
const PREFIX_BYTES = 7;
export const BLOB_HEADER_BYTES = MAGIC.length + KID_BYTES + WRAPPED_BYTES + PREFIX_BYTES;
export const SEGMENT_BYTES = 64 * 1024;
const TAG_BYTES = 16;

const nonce = (prefix: Buffer, index: number, last: boolean) => {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
};
const aad = (sha256: string) => Buffer.from(`daiban:blob:${sha256}`);

async function readExactly(handle: Awaited<ReturnType<typeof open>>, length: number, position: number) {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

async function fsyncDir(path: string): Promise<void> {
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Whether the file at `path` is sealed (else a plain blob from before encryption at rest). */
export async function isSealedFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    return (await readExactly(handle, MAGIC.length, 0)).equals(MAGIC);
  } finally {
    await handle.close();
  }
}

/**
 * Encrypts `from` — a plain file's path, or the plain bytes themselves (a decrypted upload part) —
 * into `to` (overwritten) and fsyncs it; a file `from` is left alone.
 */
export async function sealFile(ring: KeyRing, sha256: string, from: string | Buffer, to: string): Promise<void> {
  const size = typeof from === 'string' ? (await stat(from)).size : from.length;
  const dek = randomBytes(KEY_BYTES);
  const prefix = randomBytes(PREFIX_BYTES);
  const input = typeof from === 'string' ? await open(from, 'r') : undefined;
  const read = (length: number, position: number) =>
    input
      ? readExactly(input, length, position)
      : Promise.resolve((from as Buffer).subarray(position, position + length));
  const output = await open(to, 'w', 0o600);
  try {
    const { kid, wrapped } = ring.wrap(dek);
    await output.write(Buffer.concat([MAGIC, Buffer.from(kid, 'latin1'), wrapped, prefix]));
    const count = Math.max(1, Math.ceil(size / SEGMENT_BYTES));
    for (let i = 0; i < count; i++) {
      const want = Math.min(SEGMENT_BYTES, size - i * SEGMENT_BYTES);
      const plain = await read(want, i * SEGMENT_BYTES);
      if (plain.length !== want) throw new Error(`blob ${sha256}: file changed while it was being encrypted`);
      const cipher = createCipheriv('aes-256-gcm', dek, nonce(prefix, i, i === count - 1));
      cipher.setAAD(aad(sha256));
      await output.write(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]));
    }
    await output.sync();
  } finally {
    dek.fill(0);
    await input?.close();
    await output.close();
  }
}

/** The plain bytes of a blob file, sealed or not; a sealed file that fails verification errors the stream. */
export function openBlobStream(ring: KeyRing, sha256: string, path: string): Readable {
  async function* plain(): AsyncGenerator<Buffer> {
    const handle = await open(path, 'r');
    let dek: Buffer | undefined;
    try {
      const header = await readExactly(handle, BLOB_HEADER_BYTES, 0);
      if (!header.subarray(0, MAGIC.length).equals(MAGIC)) {
        // From the same open file: `keys:encrypt-existing` may rename a sealed copy over the path meanwhile.
        for await (const chunk of handle.createReadStream({ start: 0 })) yield chunk as Buffer;
        return;
      }
      const damaged = (what: string) => new KeyError(`blob ${sha256}: ${what} (tampered or damaged)`);
      if (header.length < BLOB_HEADER_BYTES) throw damaged('header cut short');
      const kid = header.subarray(MAGIC.length, MAGIC.length + KID_BYTES).toString('latin1');
      const wrapped = header.subarray(MAGIC.length + KID_BYTES, MAGIC.length + KID_BYTES + WRAPPED_BYTES);
      const prefix = header.subarray(BLOB_HEADER_BYTES - PREFIX_BYTES);
      dek = ring.unwrap(kid, Buffer.from(wrapped));
      const total = (await handle.stat()).size;
      let position = BLOB_HEADER_BYTES;
      for (let i = 0; ; i++) {
        const length = Math.min(SEGMENT_BYTES + TAG_BYTES, total - position);
        if (length < TAG_BYTES) throw damaged('cut short');
        const segment = await readExactly(handle, length, position);
        position += length;
        const last = position >= total;
        const decipher = createDecipheriv('aes-256-gcm', dek, nonce(prefix, i, last));
        decipher.setAAD(aad(sha256));
        decipher.setAuthTag(segment.subarray(length - TAG_BYTES));
        let bytes: Buffer;
        try {
          bytes = Buffer.concat([decipher.update(segment.subarray(0, length - TAG_BYTES)), decipher.final()]);
        } catch {
          throw damaged(`segment ${i} fails authentication`);
        }
        if (bytes.length > 0) yield bytes;
        if (last) return;
      }
    } finally {
      dek?.fill(0);
      await handle.close().catch(() => undefined);
    }
  }
  return Readable.from(plain(), { objectMode: false });
}

/** SHA-256 of a blob file's plain bytes (verifies a sealed file on the way). */
export async function plainSha256(ring: KeyRing, sha256: string, path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of openBlobStream(ring, sha256, path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Seals a plain blob file in place (temporary file, fsync, rename): resolves false when it was
 * already sealed. Refuses a plain file whose bytes do not hash to its name.
 */
export async function sealInPlace(ring: KeyRing, sha256: string, path: string): Promise<boolean> {
  if (await isSealedFile(path)) return false;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== sha256) throw new Error(`blob file ${path} is damaged: its bytes do not hash to its name`);
  const tmp = `${path}.sealing`;
  await sealFile(ring, sha256, path, tmp);
  await rename(tmp, path);
  await fsyncDir(path);
  return true;
}

/**
 * Re-wraps a sealed blob's data key under the current master key: a new header, the encrypted
 * segments copied as they are, written to a temporary file and renamed over. False when nothing
 * was to do (plain, or already under the current key).
 */
export async function rewrapInPlace(ring: KeyRing, path: string): Promise<boolean> {
  const input = await open(path, 'r');
  const tmp = `${path}.rewrap`;
  try {
    const header = await readExactly(input, BLOB_HEADER_BYTES, 0);
    if (header.length < BLOB_HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) return false;
    const kid = header.subarray(MAGIC.length, MAGIC.length + KID_BYTES).toString('latin1');
    if (kid === ring.currentId) return false;
    const dek = ring.unwrap(
      kid,
      Buffer.from(header.subarray(MAGIC.length + KID_BYTES, BLOB_HEADER_BYTES - PREFIX_BYTES)),
    );
    const output = await open(tmp, 'w', 0o600);
    try {
      const { kid: current, wrapped } = ring.wrap(dek);
      await output.write(
        Buffer.concat([
          MAGIC,
          Buffer.from(current, 'latin1'),
          wrapped,
          header.subarray(BLOB_HEADER_BYTES - PREFIX_BYTES),
        ]),
      );
      for await (const chunk of input.createReadStream({ start: BLOB_HEADER_BYTES, autoClose: false }))
        await output.write(chunk as Buffer);
      await output.sync();
    } finally {
      dek.fill(0);
      await output.close();
    }
  } finally {
    await input.close();
  }
  await rename(tmp, path);
  await fsyncDir(path);
  return true;
}

/** The master key id a blob file is sealed under; null for a plain file. */
export async function blobKeyId(path: string): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const head = await readExactly(handle, MAGIC.length + KID_BYTES, 0);
    return head.subarray(0, MAGIC.length).equals(MAGIC) ? head.subarray(MAGIC.length).toString('latin1') : null;
  } finally {
    await handle.close();
  }
}
