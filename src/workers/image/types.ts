// What the image pipeline takes and gives back; shared by the worker, its bridge and callers.
import type { QualityMetrics } from '../../domain';

export interface ProcessOptions {
  /** Longest edge of the output in pixels (default 1600); smaller photos are never enlarged. */
  longEdge?: number;
  /** JPEG quality 0–1 (default 0.85). */
  quality?: number;
}

export interface ImageTimings {
  /** Header read + decode at the target size. */
  decodeMs: number;
  analyseMs: number;
  encodeMs: number;
  hashMs: number;
  totalMs: number;
}

export interface ProcessedImage {
  /** The output JPEG (transferred from the worker, not copied). */
  data: ArrayBuffer;
  mime: 'image/jpeg';
  /** Output size (long edge ≤ options.longEdge). */
  width: number;
  height: number;
  bytes: number;
  /** SHA-256 of `data`, lower-case hex: the file's id in storage and on the server. */
  sha256: string;
  /**
   * width/height: the ORIGINAL photo's size as displayed (EXIF orientation applied), for
   * resolution checks. sharpness/mean/clipped: measured on a ≤ 1 MP grey copy of the output.
   */
  metrics: QualityMetrics;
  original: { bytes: number; mime: string };
  timings: ImageTimings;
}

export type ImageErrorCode = 'image.decode' | 'image.too_large' | 'image.encode' | 'image.aborted' | 'image.failed';

export const IMAGE_ERROR_MESSAGES: Record<ImageErrorCode, string> = {
  'image.decode': '无法读取这张照片，请重新拍摄或换一张',
  'image.too_large': '这张图片像素太多（超过 5000 万像素或边长超过 12000 像素），无法处理，请换一张或重新拍摄',
  'image.encode': '照片处理失败，请重试',
  'image.aborted': '已取消照片处理',
  'image.failed': '照片处理失败，请重试',
};

export const DEFAULT_LONG_EDGE = 1600;
export const DEFAULT_QUALITY = 0.85;
/** The grey copy for metrics is at most this many pixels. */
export const GREY_MAX_PIXELS = 1_000_000;
