// Two-digit province prefixes (GB/T 2260). 81/82/83 appear only in residence-permit numbers of
// Hong Kong, Macao and Taiwan residents, never in mainland division codes.

const MAINLAND_RANGES: ReadonlyArray<readonly [number, number]> = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
];

const inRanges = (n: number, ranges: ReadonlyArray<readonly [number, number]>) =>
  ranges.some(([lo, hi]) => n >= lo && n <= hi);

/** Province prefix of a mainland division code. */
export const isMainlandProvince = (prefix: string) =>
  /^\d{2}$/.test(prefix) && inRanges(Number(prefix), MAINLAND_RANGES);

/** Province prefix of an ID number: mainland, or 81–83 for residence permits. */
export const isIdNumberProvince = (prefix: string) =>
  isMainlandProvince(prefix) || prefix === '81' || prefix === '82' || prefix === '83';
