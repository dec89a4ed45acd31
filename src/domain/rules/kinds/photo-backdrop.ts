// A portrait's background and colour (证件照: 白色背景, 彩色). The image worker measures the two
// top corners, which on an ID-style portrait show only the background, and the whole photo's
// colourfulness; here they are judged against the standard. A colour that is clearly another one
// (blue for a white background, a dark room) is returned by the township: an error. A light tint
// where white is asked, or a colour we cannot name, may be the camera's white balance: a warning
// the agent checks by eye.
import type { QualityMetrics } from '../../schemas/case';
import type { BackdropColour, PhotoThresholds } from '../../schemas/catalog';
import type { Severity } from '../../result';

export type SeenBackdrop = Exclude<BackdropColour, 'any'> | 'dark' | 'other';

/** Below this mean colourfulness a photo is black and white (JPEG noise stays under ≈ 3). */
export const MIN_COLOUR_CHROMA = 6;
/** Above this grey-level spread the corners are not one plain colour (clutter, a door, a shadow). */
export const MAX_BACKDROP_SPREAD = 30;

/** Above this grey level a background counts as light whatever its hue (浅色: light blue too). */
const LIGHT_GREY = 170;

type Rgb = { r: number; g: number; b: number };
const greyOf = ({ r, g, b }: Rgb) => 0.299 * r + 0.587 * g + 0.114 * b;

/** Names the corners' mean colour. Thresholds on grey level (BT.601) and chroma (max − min); a
 *  white wall under cool light (chroma ≤ 50) is not blue. */
export function backdropColour(rgb: Rgb): SeenBackdrop {
  const { r, g, b } = rgb;
  const grey = greyOf(rgb);
  const chroma = Math.max(r, g, b) - Math.min(r, g, b);
  if (b >= g && b - r >= 50 && chroma >= 60 && grey >= 60) return 'blue';
  if (r - g >= 80 && r - b >= 60 && r >= 140) return 'red';
  if (grey >= 200 && chroma <= 35) return 'white';
  if (grey >= 150 && chroma <= 70) return 'light';
  if (grey < 110) return 'dark';
  return 'other';
}

const NAMES: Record<SeenBackdrop, string> = {
  white: '白色',
  light: '浅色',
  blue: '蓝色',
  red: '红色',
  dark: '深色',
  other: '杂色',
};

const WANTED: Record<BackdropColour, string> = {
  white: '白色',
  light: '白色或浅色',
  blue: '蓝色',
  red: '红色',
  any: '单一颜色',
};

/** 白色, 白色或蓝色, 白色或浅色 … ('light' already says 白色). */
export const wantedName = (allowed: readonly BackdropColour[]): string =>
  allowed
    .filter((c) => !(c === 'white' && allowed.includes('light')))
    .map((c) => WANTED[c] ?? c) // a value typed in the admin's text, not yet checked
    .join('或');

interface Problem {
  code: string;
  severity: Severity;
  advice: string;
}

export function backdropProblems(q: QualityMetrics, t: PhotoThresholds): Problem[] {
  const problems: Problem[] = [];
  if (t.colour && q.chroma !== undefined && q.chroma < MIN_COLOUR_CHROMA) {
    problems.push({
      code: 'photo.greyscale',
      severity: 'error',
      advice: '是黑白照片，要求彩色照片，乡镇会退回。请用手机原相机拍彩色照片（不要用黑白滤镜）',
    });
  }
  const allowed = t.background;
  if (!allowed || !q.backdrop) return problems;
  const wanted = wantedName(allowed);
  // Uneven corners have no one colour to name: their mean could be anything.
  if (q.backdrop.spread > MAX_BACKDROP_SPREAD) {
    problems.push({
      code: 'photo.backdrop_uneven',
      severity: 'warning',
      advice: `背景不是单一颜色（有杂物、门窗或阴影），乡镇可能退回。请让申请人站在${wanted}的纯色墙面或幕布前重新拍摄`,
    });
    return problems;
  }
  const seen = backdropColour(q.backdrop);
  // 'light' admits white and any light tint; white does not admit a tint (it may still be white,
  // under coloured light: a warning below).
  const light = seen === 'white' || greyOf(q.backdrop) >= LIGHT_GREY;
  if (allowed.includes('any') || allowed.includes(seen as BackdropColour) || (light && allowed.includes('light')))
    return problems;
  const unsure = seen === 'other' || (seen === 'light' && allowed.includes('white'));
  problems.push(
    unsure
      ? {
          code: 'photo.backdrop',
          severity: 'warning',
          advice: `背景看起来不是${wanted}，请放大确认；不是就让申请人站在${wanted}墙面或幕布前重新拍摄`,
        }
      : {
          code: 'photo.backdrop',
          severity: 'error',
          advice: `背景是${NAMES[seen]}，要求${wanted}背景，乡镇会退回。请让申请人站在${wanted}墙面或幕布前重新拍摄`,
        },
  );
  return problems;
}
