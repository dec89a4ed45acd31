// Resumable, content-addressed file upload (photos, scans, signatures):
//   HEAD  /api/blobs/:sha256   how many bytes the server holds (Upload-Offset, Upload-Complete)
//   PATCH /api/blobs/:sha256   appends one chunk at Upload-Offset of a file of Upload-Length bytes
//   GET   /api/blobs/:sha256   the file, for whoever may see a case that uses it
import { z } from 'zod';
import { Sha256 } from '../schemas/common';
import { route } from './route-spec';

export const BlobParams = z.object({ sha256: Sha256 });

export const BLOB_CONTENT_TYPE = 'application/offset+octet-stream';

export const BlobUploadHeaders = z.object({
  'upload-offset': z.coerce.number().int('Upload-Offset 应为整数').nonnegative('Upload-Offset 不能为负'),
  'upload-length': z.coerce.number().int('Upload-Length 应为整数').positive('Upload-Length 应大于 0'),
});

export const BLOB_ROUTES = {
  head: route({ method: 'HEAD', path: '/api/blobs/:sha256', params: BlobParams, response: null }),
  patch: route({ method: 'PATCH', path: '/api/blobs/:sha256', params: BlobParams, response: null }),
  get: route({ method: 'GET', path: '/api/blobs/:sha256', params: BlobParams, response: null }),
} as const;
