// Blob bytes on disk, content-addressed: <root>/ab/cd/<sha256>. Uploads grow in
// <root>/.incoming/<sha256>.part (fsync after every chunk, so an acknowledged offset survives a
// power cut) and are encrypted into place only after the hash has been verified (encryption at
// rest: crypto/blob-cipher.ts; the final file is never plain, the .part file only until then).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openBlobStream, sealFile } from '../crypto/blob-cipher';
import type { KeyRing } from '../crypto/key-ring';
import { SNIFF_BYTES } from './sniff';

export class BlobFiles {
  constructor(
    private readonly root: string,
    private readonly ring: KeyRing,
  ) {}

  /** Callers must have checked the hash against SHA256_PATTERN: it becomes a file name. */
  finalPath(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  partPath(sha256: string): string {
    return join(this.root, '.incoming', `${sha256}.part`);
  }

  /** Bytes received so far (0 when no upload is in progress). */
  async received(sha256: string): Promise<number> {
    try {
      return (await stat(this.partPath(sha256))).size;
    } catch {
      return 0;
    }
  }

  async append(sha256: string, chunk: Buffer): Promise<void> {
    const path = this.partPath(sha256);
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a');
    try {
      await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async discardPart(sha256: string): Promise<void> {
    await rm(this.partPath(sha256), { force: true });
  }

  async partHead(sha256: string): Promise<Buffer> {
    const handle = await open(this.partPath(sha256), 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async partSha256(sha256: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(this.partPath(sha256))) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /**
   * Encrypts a verified upload into place atomically (sealed copy fsynced, renamed over the final
   * name, the rename made durable), then drops the plain part.
   */
  async commit(sha256: string): Promise<void> {
    const target = this.finalPath(sha256);
    const sealed = `${this.partPath(sha256)}.sealed`;
    await mkdir(dirname(target), { recursive: true });
    await sealFile(this.ring, sha256, this.partPath(sha256), sealed);
    await rename(sealed, target);
    const dir = await open(dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    await this.discardPart(sha256);
  }

  /** The blob's plain bytes (decrypted and verified segment by segment; plain files from before as they are). */
  stream(sha256: string) {
    return openBlobStream(this.ring, sha256, this.finalPath(sha256));
  }
}
