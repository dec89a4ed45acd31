/** Writes .br and .gz beside every text asset ≥ 1 KB under `dir`; returns raw and brotli byte totals. */
export function precompress(dir: string): { raw: number; br: number };
