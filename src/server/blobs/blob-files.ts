// Blob bytes on disk, content-addressed: <root>/ab/cd/<sha256>. Each uploader's partial copy grows
// in <root>/.incoming/<sha256>.<uploader>.part (fsync after every chunk, so an acknowledged offset
// survives a power cut) and is encrypted into place only after the hash has been verified
// (encryption at rest: the part is AES-CTR under its own key, crypto/part-cipher.ts; the final file
// AES-GCM, crypto/blob-cipher.ts). `commit` and `stream` are the only places that write or read a
// final file.
import { createHash } from 'node:crypto';
import { access, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openBlobStream, sealFile } from '../crypto/blob-cipher';
import type { KeyRing } from '../crypto/key-ring';
import {
  looksEncrypted,
  newPartHeader,
  PART_HEADER_BYTES,
  partCipher,
  readPartKey,
  type PartKey,
} from '../crypto/part-cipher';
import { crashPoint } from './crash-point';

/** A part file's name, parsed (a legacy `<sha256>.part` has no uploader). */
export interface PartFile {
  name: string;
  sha256: string | null;
  uploader: string | null;
}

/** A part file, or the sealed copy `commit` writes beside it before the rename. */
const PART_NAME = /^([0-9a-f]{64})\.([0-9a-f]{16})\.part(?:\.sealed)?$/;

export class BlobFiles {
  constructor(
    private readonly root: string,
    private readonly ring: KeyRing,
  ) {}

  /** A user's key in part-file names: user ids never reach the file system. */
  static uploaderKey(userId: string): string {
    return createHash('sha256').update(userId).digest('hex').slice(0, 16);
  }

  /** Callers must have checked the hash against SHA256_PATTERN: it becomes a file name. */
  finalPath(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  private get incoming(): string {
    return join(this.root, '.incoming');
  }

  partPath(sha256: string, uploader: string): string {
    return join(this.incoming, `${sha256}.${uploader}.part`);
  }

  /** Bytes this uploader's copy holds (0 when there is none, or when its key is gone). */
  async received(sha256: string, uploader: string): Promise<number> {
    const part = await this.openPart(sha256, uploader);
    return part ? part.received : 0;
  }

  /**
   * The part's layout: plain bytes (a part from before encryption) or a header and ciphertext.
   * A torn header (a crash while writing it) or a key no longer in the ring reads as no part.
   */
  private async openPart(
    sha256: string,
    uploader: string,
  ): Promise<{ received: number; key: PartKey | null } | undefined> {
    try {
      const handle = await open(this.partPath(sha256, uploader), 'r');
      try {
        const { size } = await handle.stat();
        const head = Buffer.alloc(Math.min(size, PART_HEADER_BYTES));
        await handle.read(head, 0, head.length, 0);
        if (!looksEncrypted(head)) return size === 0 ? undefined : { received: size, key: null };
        if (size < PART_HEADER_BYTES) return undefined;
        const key = readPartKey(this.ring, head);
        return key ? { received: size - PART_HEADER_BYTES, key } : undefined;
      } finally {
        await handle.close();
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async hasPart(sha256: string, uploader: string): Promise<boolean> {
    return exists(this.partPath(sha256, uploader));
  }

  async hasFinal(sha256: string): Promise<boolean> {
    return exists(this.finalPath(sha256));
  }

  /** Appends at the end of the part (the caller checked the offset), encrypted; fsynced. */
  async append(sha256: string, uploader: string, chunk: Buffer): Promise<void> {
    const path = this.partPath(sha256, uploader);
    await mkdir(dirname(path), { recursive: true });
    const part = await this.openPart(sha256, uploader);
    let bytes: Buffer;
    let flags = 'a';
    if (!part) {
      // A new part (or one whose header was torn or whose key is gone): a fresh header and key.
      const { header, key } = newPartHeader(this.ring);
      bytes = Buffer.concat([header, partCipher(key, 0, chunk)]);
      flags = 'w';
    } else {
      bytes = part.key ? partCipher(part.key, part.received, chunk) : chunk;
    }
    const handle = await open(path, flags, 0o600);
    try {
      await handle.write(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async discardPart(sha256: string, uploader: string): Promise<void> {
    await rm(this.partPath(sha256, uploader), { force: true });
  }

  /** The whole partial copy, decrypted (at most the blob size limit): hashed, sniffed and sized at once. */
  async readPart(sha256: string, uploader: string): Promise<Buffer> {
    const part = await this.openPart(sha256, uploader);
    if (!part) return Buffer.alloc(0);
    const file = await readFile(this.partPath(sha256, uploader));
    return part.key ? partCipher(part.key, 0, file.subarray(PART_HEADER_BYTES)) : file;
  }

  /** Every part file, for the sweep of abandoned uploads. */
  async parts(): Promise<PartFile[]> {
    let names: string[];
    try {
      names = await readdir(this.incoming);
    } catch {
      return [];
    }
    return names.map((name) => {
      const m = PART_NAME.exec(name);
      return { name, sha256: m?.[1] ?? null, uploader: m?.[2] ?? null };
    });
  }

  /** Removes a file of `.incoming` by name (one `parts()` returned). */
  async removePart(name: string): Promise<void> {
    await rm(join(this.incoming, name), { force: true });
  }

  /**
   * Encrypts a verified upload into place atomically (sealed copy fsynced, renamed over the final
   * name, the rename made durable), then drops the plain part.
   */
  async commit(sha256: string, uploader: string): Promise<void> {
    const target = this.finalPath(sha256);
    const sealed = `${this.partPath(sha256, uploader)}.sealed`;
    await mkdir(dirname(target), { recursive: true });
    await sealFile(this.ring, sha256, await this.readPart(sha256, uploader), sealed);
    await rename(sealed, target);
    const dir = await open(dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    crashPoint('upload.sealed');
    await this.discardPart(sha256, uploader);
  }

  /** The blob's plain bytes (decrypted and verified segment by segment; plain files from before as they are). */
  stream(sha256: string) {
    return openBlobStream(this.ring, sha256, this.finalPath(sha256));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
