import { useEffect, useState } from 'preact/hooks';

// qrcode-generator is loaded with the first QR code (only the receipt draws one), not with the
// app; the service worker precaches its chunk, so the receipt still works offline.
const importQr = () => import('qrcode-generator').then((m) => m.default);
let loading: ReturnType<typeof importQr> | undefined;
const loadQr = () => (loading ??= importQr());

/** UTF-8 bytes as a "binary string": qrcode-generator's byte mode keeps only the low 8 bits. */
const utf8Binary = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));

/** Dark modules as one SVG path (1 unit per module), generated on the device, no network. */
export async function qrPath(text: string): Promise<{ size: number; d: string }> {
  const qrcode = await loadQr();
  const qr = qrcode(0, 'M');
  qr.addData(utf8Binary(text), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c} ${r}h1v1h-1z`;
  return { size: n, d };
}

/** An inline-SVG QR code with a 4-module quiet zone, crisp at any print size. */
export function QrCode({ text, label, size = 180 }: { text: string; label: string; size?: number }) {
  const [qr, setQr] = useState<{ text: string; size: number; d: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrPath(text).then(
      (p) => {
        if (live) setQr({ text, ...p });
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (error)
    return (
      <p class="error-text" role="alert">
        二维码无法生成：{error}
      </p>
    );
  if (!qr || qr.text !== text) return <svg role="img" aria-label={label} aria-busy="true" width={size} height={size} />;
  const n = qr.size;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`-4 -4 ${n + 8} ${n + 8}`}
      shape-rendering="crispEdges"
      data-qr={text}
    >
      <rect x={-4} y={-4} width={n + 8} height={n + 8} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
