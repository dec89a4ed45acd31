// The DCT scale asked of the JPEG decoder (sizing.ts dctScaleFor): the smallest n/8 of the frame
// that still covers the output size, so a photo is never enlarged after a scaled decode.
import { describe, expect, it } from 'vitest';
import { dctScaleFor } from '../../../src/workers/image/sizing';

describe('dctScaleFor', () => {
  it('a 12 MP photo going to 1600 px decodes at 1/2 (3/8 would be 1500 px, too small)', () => {
    expect(dctScaleFor({ width: 4000, height: 3000 }, { width: 1600, height: 1200 })).toEqual({
      width: 2000,
      height: 1500,
    });
  });

  it('an 8 MP photo going to 1600 px decodes at 4/8, rounding the partial block up', () => {
    expect(dctScaleFor({ width: 3264, height: 2448 }, { width: 1600, height: 1200 })).toEqual({
      width: 1632,
      height: 1224,
    });
  });

  it('a portrait frame stored sideways is compared side by side with its stored target', () => {
    expect(dctScaleFor({ width: 4032, height: 3024 }, { width: 1600, height: 1200 })).toEqual({
      width: 2016,
      height: 1512,
    });
    expect(dctScaleFor({ width: 3024, height: 4032 }, { width: 1200, height: 1600 })).toEqual({
      width: 1512,
      height: 2016,
    });
  });

  it('a 48 MP photo decodes at 1/4', () => {
    expect(dctScaleFor({ width: 8000, height: 6000 }, { width: 1600, height: 1200 })).toEqual({
      width: 2000,
      height: 1500,
    });
  });

  it('nothing to gain when only the full size covers the target', () => {
    expect(dctScaleFor({ width: 1800, height: 1350 }, { width: 1600, height: 1200 })).toBeUndefined();
    expect(dctScaleFor({ width: 1600, height: 1200 }, { width: 1600, height: 1200 })).toBeUndefined();
  });
});
