// Writes .br and .gz beside every text asset of a build, so the server sends compressed bytes
// (@fastify/static preCompressed) without compressing on each request. First visits on a
// village link fetch ~1/3 of the bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest)$/;
const MIN_BYTES = 1024;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

export function precompress(dir) {
  let raw = 0,
    br = 0;
  for (const path of files(dir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const data = readFileSync(path);
    if (data.length < MIN_BYTES) continue;
    const b = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    writeFileSync(`${path}.br`, b);
    writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
    raw += data.length;
    br += b.length;
  }
  return { raw, br };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { raw, br } = precompress(process.argv[2] ?? 'dist');
  console.log(`precompressed ${(raw / 1024).toFixed(0)} KB of text assets to ${(br / 1024).toFixed(0)} KB (brotli)`);
}
