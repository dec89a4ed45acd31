// Resumable, idempotent blob upload (tus-like), one session per (file, uploader): the client asks
// for the received offset (HEAD), then sends the rest in chunks (PATCH) that must start exactly
// there. When every byte is there — after the last chunk, or on the next HEAD/PATCH if the server
// stopped first — the copy is hashed, sniffed, sized and sealed into place (or, if the file is
// already stored, dropped: the uploader proved possession and becomes an owner).
// Nobody learns anything about a file they may not read: the answers for it are those for a
// missing file, and claiming it takes all of its bytes.
import { createHash } from 'node:crypto';
import { exceedsPixelLimits, pixelLimitMessage, readImageSize, type PixelLimits } from '../../domain/image-size';
import type { UploadLimits } from '../config';
import type { Store, UploadRecord, Visibility } from '../store';
import { ApiFailure, conflict, unprocessable } from '../http/errors';
import { BlobFiles } from './blob-files';
import { crashPoint } from './crash-point';
import { sniffMime, SNIFF_BYTES } from './sniff';

export interface UploadState {
  offset: number;
  length: number | null;
  complete: boolean;
}

/** Who asks: their id (uploads, ownership) and what they may see (files of cases in scope). */
export interface Uploader {
  id: string;
  visibility: Visibility;
}

export interface ChunkInput {
  sha256: string;
  offset: number;
  length: number;
  chunk: Buffer;
}

export interface UploadSettings extends UploadLimits {
  maxBytes: number;
  pixelLimits: PixelLimits;
}

export interface SweepReport {
  /** Unfinished uploads removed (row and bytes). */
  abandoned: number;
  /** Part files no upload owned (a crash between two steps, an older server's layout). */
  orphans: number;
}

const MB = 1024 * 1024;
const tooLarge = (max: number) =>
  new ApiFailure(413, 'blob.too_large', `文件过大：单个文件不能超过 ${Math.floor(max / MB)} MB`);
const wrongType = () => new ApiFailure(415, 'blob.type', '只接受 JPEG、PNG、WebP 图片或 PDF 文件');
const overQuota = (max: number) =>
  new ApiFailure(
    413,
    'blob.quota',
    `未传完的文件太多（合计超过 ${Math.floor(max / MB)} MB），请等正在上传的文件传完后再试`,
    { maxPendingBytes: max },
  );
const tooManyPixels = (size: { width: number; height: number }, limits: PixelLimits) =>
  unprocessable('blob.image_too_large', pixelLimitMessage(size, limits), {
    width: size.width,
    height: size.height,
    ...limits,
  });
const offsetMismatch = (received: number) =>
  new ApiFailure(
    409,
    'blob.offset_mismatch',
    `上传位置不一致：服务器已收到 ${received} 字节`,
    { offset: received },
    { 'Upload-Offset': String(received) },
  );
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const done = (size: number): UploadState => ({ offset: size, length: size, complete: true });

/** Stale uploads handled per sweep round (each under its file's lock). */
const SWEEP_BATCH = 100;

export class BlobUploads {
  /**
   * One file's lock: its uploads, finishing and sweeping take turns — across every server process
   * sharing the database and the blob folder (PostgreSQL advisory lock), or in this one (SQLite).
   */
  private readonly locks: { run<T>(sha256: string, work: () => Promise<T>): Promise<T> };
  readonly files: BlobFiles;

  constructor(
    private readonly store: Store,
    root: string,
    private readonly settings: UploadSettings,
    private readonly now: () => number,
  ) {
    this.files = new BlobFiles(root, store.crypto.ring);
    this.locks = { run: (sha256, work) => store.cluster.exclusive(`blob:${sha256}`, work) };
  }

  /** What the caller may know: a readable file, their own unfinished upload, or nothing (missing). */
  async state(sha256: string, user: Uploader): Promise<UploadState | undefined> {
    const readable = await this.readable(sha256, user);
    if (readable) return readable;
    if (!(await this.store.blobs.upload(sha256, user.id))) return undefined;
    return this.locks.run(sha256, () => this.ownState(sha256, user));
  }

  append(input: ChunkInput, user: Uploader): Promise<UploadState> {
    if (input.length > this.settings.maxBytes) throw tooLarge(this.settings.maxBytes);
    return this.locks.run(input.sha256, () => this.appendLocked(input, user));
  }

  /** Removes uploads untouched for `abandonMs` and part files no upload owns. */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { abandoned: 0, orphans: 0 };
    const before = this.now() - this.settings.abandonMs;
    for (;;) {
      const stale = await this.store.blobs.staleUploads(before, SWEEP_BATCH);
      for (const upload of stale) {
        await this.locks.run(upload.sha256, async () => {
          const current = await this.store.blobs.upload(upload.sha256, upload.userId);
          if (!current || current.updatedAt >= before) return;
          // Row first: a part file without a row is an orphan the next sweep removes.
          await this.store.blobs.dropUpload(upload.sha256, upload.userId);
          await this.files.discardPart(upload.sha256, BlobFiles.uploaderKey(upload.userId));
          report.abandoned++;
        });
      }
      if (stale.length < SWEEP_BATCH) break;
    }
    for (const part of await this.files.parts()) {
      const remove = async () => {
        await this.files.removePart(part.name);
        report.orphans++;
      };
      if (!part.sha256 || !part.uploader) {
        await remove();
        continue;
      }
      const { sha256, uploader } = part;
      await this.locks.run(sha256, async () => {
        const owners = await this.store.blobs.uploadsOf(sha256);
        if (!owners.some((u) => BlobFiles.uploaderKey(u.userId) === uploader)) await remove();
      });
    }
    return report;
  }

  private async readable(sha256: string, user: Uploader): Promise<UploadState | undefined> {
    if (!(await this.store.blobs.mayRead(sha256, user.id, user.visibility))) return undefined;
    const record = await this.store.blobs.get(sha256);
    return record && done(record.size);
  }

  /** The caller's own upload; one whose bytes are all there is finished now. Under the file's lock. */
  private async ownState(sha256: string, user: Uploader): Promise<UploadState | undefined> {
    const upload = await this.store.blobs.upload(sha256, user.id);
    if (!upload) return this.readable(sha256, user);
    const received = await this.files.received(sha256, BlobFiles.uploaderKey(user.id));
    if (received < upload.size && (received > 0 || !upload.verifiedMime))
      return { offset: received, length: upload.size, complete: false };
    try {
      return await this.finish(upload);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      // Refused (bad hash, type or size): the upload was reset or dropped; say where it stands.
      const after = await this.store.blobs.upload(sha256, user.id);
      return after && { offset: 0, length: after.size, complete: false };
    }
  }

  private async appendLocked({ sha256, offset, length, chunk }: ChunkInput, user: Uploader): Promise<UploadState> {
    const readable = await this.readable(sha256, user);
    if (readable) return readable; // a retry after a lost answer, or a file already in the caller's scope
    // Refuse a wrong type or a pixel bomb on the first chunk, before anything is kept.
    if (offset === 0) this.checkHead(chunk, length);
    const key = BlobFiles.uploaderKey(user.id);
    let upload = await this.store.blobs.upload(sha256, user.id);
    if (!upload && offset > 0) throw offsetMismatch(0); // nothing of the caller's here: start at 0
    if (!upload || (upload.size !== length && offset === 0)) {
      // A new upload, or a restart from zero with a different declared length.
      const pending = await this.store.blobs.pendingBytes(user.id, sha256);
      if (pending + length > this.settings.maxPendingBytes) throw overQuota(this.settings.maxPendingBytes);
      await this.files.discardPart(sha256, key);
      await this.store.blobs.beginUpload(sha256, user.id, length, this.now());
      crashPoint('upload.begun');
      upload = (await this.store.blobs.upload(sha256, user.id))!;
    } else if (upload.size !== length) {
      throw conflict('blob.length_mismatch', '文件大小与此前上传的不一致，请从头重新上传', {
        offset: 0,
        length: upload.size,
      });
    }

    const received = await this.files.received(sha256, key);
    if (received === length || (received === 0 && upload.verifiedMime)) {
      // Every byte is already here (the server stopped before finishing): finish, whatever was sent.
      return this.finish(upload);
    }
    if (offset !== received) throw offsetMismatch(received);
    if (offset + chunk.length > length) throw new ApiFailure(400, 'blob.overflow', '上传数据超出了声明的文件大小');

    if (chunk.length > 0) {
      await this.files.append(sha256, key, chunk);
      crashPoint('upload.appended');
      await this.store.blobs.setUploadReceived(sha256, user.id, offset + chunk.length, this.now());
      crashPoint('upload.acknowledged');
    }
    const now = offset + chunk.length;
    if (now < length) return { offset: now, length, complete: false };
    return this.finish({ ...upload, verifiedMime: null });
  }

  private checkHead(head: Buffer, length: number): void {
    if (head.length >= Math.min(SNIFF_BYTES, length) && !sniffMime(head)) throw wrongType();
    const size = readImageSize(head);
    if (size && exceedsPixelLimits(size, this.settings.pixelLimits))
      throw tooManyPixels(size, this.settings.pixelLimits);
  }

  /**
   * Verifies the caller's complete copy and records the file, or picks up where a stopped server
   * left off: a verified copy already moved into place is recorded without reading it again.
   */
  private async finish(upload: UploadRecord): Promise<UploadState> {
    const { sha256, userId, size } = upload;
    const key = BlobFiles.uploaderKey(userId);
    if (!(await this.files.hasPart(sha256, key))) {
      if (upload.verifiedMime && (await this.files.hasFinal(sha256))) return this.record(upload, upload.verifiedMime);
      // Nothing usable left of this copy: start again from zero.
      await this.store.blobs.setUploadReceived(sha256, userId, 0, this.now());
      return { offset: 0, length: size, complete: false };
    }
    const bytes = await this.files.readPart(sha256, key);
    const refuse = async (error: ApiFailure, keepUpload: boolean) => {
      if (keepUpload) await this.store.blobs.setUploadReceived(sha256, userId, 0, this.now());
      else await this.store.blobs.dropUpload(sha256, userId);
      await this.files.discardPart(sha256, key);
      return error;
    };
    if (bytes.length !== size || sha256Of(bytes) !== sha256) {
      throw await refuse(
        unprocessable('blob.hash_mismatch', '文件内容与摘要不符（可能传输出错），请重新上传', { offset: 0 }),
        true,
      );
    }
    const mime = sniffMime(bytes.subarray(0, SNIFF_BYTES));
    if (!mime) throw await refuse(wrongType(), false);
    const pixels = mime === 'application/pdf' ? undefined : readImageSize(bytes);
    if (pixels && exceedsPixelLimits(pixels, this.settings.pixelLimits))
      throw await refuse(tooManyPixels(pixels, this.settings.pixelLimits), false);
    await this.store.blobs.markVerified(sha256, userId, mime, this.now());
    crashPoint('upload.verified');

    if (await this.store.blobs.get(sha256)) {
      // Stored already (deduplicated): these bytes proved possession and are not kept.
      await this.store.transaction(async (tx) => {
        await tx.blobs.addOwner(sha256, userId);
        await tx.blobs.dropUpload(sha256, userId);
      });
      crashPoint('upload.owned');
      await this.files.discardPart(sha256, key);
      return done(size);
    }
    await this.files.commit(sha256, key);
    crashPoint('upload.renamed');
    return this.record(upload, mime);
  }

  /** The file row, its owner and the end of the upload: one transaction. */
  private async record(upload: UploadRecord, mime: string): Promise<UploadState> {
    const { sha256, userId, size } = upload;
    await this.store.transaction(async (tx) => {
      await tx.blobs.complete(sha256, size, mime, this.now());
      crashPoint('upload.completing');
      await tx.blobs.addOwner(sha256, userId);
      await tx.blobs.dropUpload(sha256, userId);
    });
    crashPoint('upload.completed');
    return done(size);
  }
}
