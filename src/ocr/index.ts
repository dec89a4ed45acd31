// TEMPORARY stand-in for the recogniser's page-side API (branch wt-16a), with its exact
// signatures, so the settings and person-form code typecheck before that branch is merged.
// The merge replaces this file with the real one.
import type { CardSide, OcrResult } from '../domain/idcard/ocr-types';

export interface OcrStatus {
  readonly state: 'off' | 'installing' | 'ready';
  readonly bytes: number;
}

const NOT_READY = '证件识别尚未就绪';

export function ocrStatus(): Promise<OcrStatus> {
  return Promise.resolve({ state: 'off', bytes: 0 });
}
export function installOcr(_onProgress?: (fraction: number) => void): Promise<void> {
  return Promise.reject(new Error(NOT_READY));
}
export function removeOcr(): Promise<void> {
  return Promise.resolve();
}
export function recognise(_image: Blob, _side: CardSide): Promise<OcrResult> {
  return Promise.reject(new Error(NOT_READY));
}
