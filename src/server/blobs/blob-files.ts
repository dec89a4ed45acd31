// Blob bytes on disk, content-addressed: <root>/ab/cd/<sha256>. Each uploader's partial copy grows
// in <root>/.incoming/<sha256>.<uploader>.part (fsync after every chunk, so an acknowledged offset
// survives a power cut) and is encrypted into place only after the hash has been verified
// (encryption at rest: crypto/blob-cipher.ts; the final file is never plain, the part file only
// until then). `commit` and `stream` are the only places that write or read a final file.
import { createHash } from 'node:crypto';
import { access, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openBlobStream, sealFile } from '../crypto/blob-cipher';
import type { KeyRing } from '../crypto/key-ring';
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

  /** Bytes this uploader's copy holds (0 when there is none). */
  async received(sha256: string, uploader: string): Promise<number> {
    try {
      return (await stat(this.partPath(sha256, uploader))).size;
    } catch {
      return 0;
    }
  }

  async hasPart(sha256: string, uploader: string): Promise<boolean> {
    return exists(this.partPath(sha256, uploader));
  }

  async hasFinal(sha256: string): Promise<boolean> {
    return exists(this.finalPath(sha256));
  }

  async append(sha256: string, uploader: string, chunk: Buffer): Promise<void> {
    const path = this.partPath(sha256, uploader);
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a');
    try {
      await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async discardPart(sha256: string, uploader: string): Promise<void> {
    await rm(this.partPath(sha256, uploader), { force: true });
  }

  /** The whole partial copy (at most the blob size limit): hashed, sniffed and sized at once. */
  readPart(sha256: string, uploader: string): Promise<Buffer> {
    return readFile(this.partPath(sha256, uploader));
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
    await sealFile(this.ring, sha256, this.partPath(sha256, uploader), sealed);
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
