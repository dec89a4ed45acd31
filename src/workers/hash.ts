// SHA-256 as lower-case hex with WebCrypto: the id of every stored and uploaded file. Works in
// the page, workers and the service worker (crypto.subtle needs a secure context: HTTPS or localhost).

export async function sha256Hex(data: ArrayBuffer | ArrayBufferView): Promise<string> {
  const bytes =
    data instanceof ArrayBuffer ? data : new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
