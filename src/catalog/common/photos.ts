// Photo thresholds for ID-style portraits. Metrics come from the image worker (QualityMetrics).
import type { PhotoThresholds } from '../../domain/schemas/catalog';

/** 社保卡 standard: 358×441 px, white background, colour. */
export const SOCIAL_SECURITY_PORTRAIT: Partial<PhotoThresholds> = {
  minLongEdge: 441,
  minShortEdge: 358,
  minSharpness: 80,
  minMean: 120,
  maxMean: 240,
  maxClipped: 0.45,
  subject: 'portrait',
  colour: true,
  background: ['white'],
};
/** 1-inch (25×35 mm) and 2-inch (35×49 mm) colour portraits: light background, so brighter than
 *  documents. Each item says which background its standard asks for (`background`). */
export const ONE_INCH_PORTRAIT: Partial<PhotoThresholds> = {
  minLongEdge: 413,
  minShortEdge: 295,
  minSharpness: 80,
  minMean: 110,
  maxMean: 240,
  maxClipped: 0.45,
  subject: 'portrait',
  colour: true,
};
export const TWO_INCH_PORTRAIT: Partial<PhotoThresholds> = {
  minLongEdge: 579,
  minShortEdge: 413,
  minSharpness: 80,
  minMean: 110,
  maxMean: 240,
  maxClipped: 0.45,
  subject: 'portrait',
  colour: true,
};
/** A face photo taken on site for a liveness (生存) check. */
export const FACE_PHOTO: Partial<PhotoThresholds> = {
  minLongEdge: 640,
  minShortEdge: 480,
  minSharpness: 70,
  minMean: 70,
  maxMean: 220,
  subject: 'portrait',
};
/** A photo of a place (a house, a damaged field or pen): document sharpness, advice about the scene. */
export const SCENE_PHOTO: Partial<PhotoThresholds> = { subject: 'scene' };
