// Resumable, idempotent blob upload (tus-like): the client asks for the received offset (HEAD),
// then sends the rest in chunks (PATCH) that must start exactly there. The last chunk triggers
// hash verification, type sniffing and the atomic move into place.
import type { Store } from '../store';
import { ApiFailure, conflict, unprocessable } from '../http/errors';
import { BlobFiles } from './blob-files';
import { KeyedMutex } from './keyed-mutex';
import { sniffMime, SNIFF_BYTES } from './sniff';

export interface UploadState {
  offset: number;
  length: number | null;
  complete: boolean;
}

export interface ChunkInput {
  sha256: string;
  offset: number;
  length: number;
  chunk: Buffer;
  userId: string;
}

const tooLarge = (max: number) =>
  new ApiFailure(413, 'blob.too_large', `文件过大：单个文件不能超过 ${Math.floor(max / 1024 / 1024)} MB`);
const wrongType = () => new ApiFailure(415, 'blob.type', '只接受 JPEG、PNG、WebP 图片或 PDF 文件');

export class BlobUploads {
  private readonly locks = new KeyedMutex();
  readonly files: BlobFiles;

  constructor(
    private readonly store: Store,
    root: string,
    private readonly maxBytes: number,
    private readonly now: () => number,
  ) {
    this.files = new BlobFiles(root, store.crypto.ring);
  }

  async state(sha256: string): Promise<UploadState | undefined> {
    const record = await this.store.blobs.get(sha256);
    if (!record) return undefined;
    if (record.complete) return { offset: record.size, length: record.size, complete: true };
    return { offset: await this.files.received(sha256), length: record.size, complete: false };
  }

  append(input: ChunkInput): Promise<UploadState> {
    if (input.length > this.maxBytes) throw tooLarge(this.maxBytes);
    return this.locks.run(input.sha256, () => this.appendLocked(input));
  }

  private async appendLocked({ sha256, offset, length, chunk, userId }: ChunkInput): Promise<UploadState> {
    const record = await this.store.blobs.get(sha256);
    if (record?.complete) {
      // Already here (another device, or a retry after a lost response): nothing to do.
      await this.store.blobs.addOwner(sha256, userId);
      return { offset: record.size, length: record.size, complete: true };
    }
    if (!record || (record.size !== length && offset === 0)) {
      // A new upload, or a restart from zero with a different declared length.
      await this.files.discardPart(sha256);
      await this.store.blobs.begin(sha256, length, this.now());
    } else if (record.size !== length) {
      throw conflict('blob.length_mismatch', '文件大小与此前上传的不一致，请从头重新上传', {
        offset: 0,
        length: record.size,
      });
    }

    const received = await this.files.received(sha256);
    if (offset !== received) {
      throw new ApiFailure(
        409,
        'blob.offset_mismatch',
        `上传位置不一致：服务器已收到 ${received} 字节`,
        { offset: received },
        { 'Upload-Offset': String(received) },
      );
    }
    if (offset + chunk.length > length) throw new ApiFailure(400, 'blob.overflow', '上传数据超出了声明的文件大小');
    // Refuse a wrong type on the first chunk rather than after megabytes have arrived.
    if (offset === 0 && chunk.length >= Math.min(SNIFF_BYTES, length) && !sniffMime(chunk)) throw wrongType();

    if (chunk.length > 0) {
      await this.files.append(sha256, chunk);
      await this.store.blobs.setReceived(sha256, offset + chunk.length);
    }
    const now = offset + chunk.length;
    if (now < length) return { offset: now, length, complete: false };
    return this.finish(sha256, length, userId);
  }

  private async finish(sha256: string, length: number, userId: string): Promise<UploadState> {
    const restart = async () => {
      await this.files.discardPart(sha256);
      await this.store.blobs.setReceived(sha256, 0);
    };
    if ((await this.files.partSha256(sha256)) !== sha256) {
      await restart();
      throw unprocessable('blob.hash_mismatch', '文件内容与摘要不符（可能传输出错），请重新上传', { offset: 0 });
    }
    const mime = sniffMime(await this.files.partHead(sha256));
    if (!mime) {
      await restart();
      throw wrongType();
    }
    await this.files.commit(sha256);
    await this.store.blobs.complete(sha256, mime, this.now());
    await this.store.blobs.addOwner(sha256, userId);
    return { offset: length, length, complete: true };
  }
}
