import { useMemo } from 'preact/hooks';
import qrcode from 'qrcode-generator';

/** UTF-8 bytes as a "binary string": qrcode-generator's byte mode keeps only the low 8 bits. */
const utf8Binary = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));

/** Dark modules as one SVG path (1 unit per module), generated on the device, no network. */
export function qrPath(text: string): { size: number; d: string } {
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
  const { size: n, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`-4 -4 ${n + 8} ${n + 8}`} shape-rendering="crispEdges" data-qr={text}>
      <rect x={-4} y={-4} width={n + 8} height={n + 8} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
