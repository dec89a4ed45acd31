/**
 * The files the on-device recogniser needs, self-hosted under /ocr/ (copied from node_modules by
 * scripts/ocr-plugin.ts at build time) and installed into their own Cache Storage cache only when
 * the user turns 证件识别 on. Never in the service worker's precache. Sizes are exact (the size is
 * shown before installing; tests/ocr/files.test.ts checks them against node_modules).
 */
export const OCR_CACHE = 'daiban-ocr-v1';
export const OCR_BASE = '/ocr/';

export interface OcrFile {
  readonly name: string;
  readonly bytes: number;
}

export const OCR_FILES = {
  det: { name: 'ch_PP-OCRv4_det_infer.onnx', bytes: 4_745_517 },
  rec: { name: 'ch_PP-OCRv4_rec_infer.onnx', bytes: 10_822_323 },
  keys: { name: 'ppocr_keys_v1.txt', bytes: 26_249 },
  wasm: { name: 'ort-wasm-simd-threaded.wasm', bytes: 14_239_897 },
} as const satisfies Record<string, OcrFile>;

export const OCR_FILE_LIST: readonly OcrFile[] = Object.values(OCR_FILES);
export const OCR_TOTAL_BYTES = OCR_FILE_LIST.reduce((sum, f) => sum + f.bytes, 0);
export const ocrUrl = (f: OcrFile): string => `${OCR_BASE}${f.name}`;
