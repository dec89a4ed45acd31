// 保存为图片: the notice drawn as text on a canvas (no screenshot library, no CDN), 1080 px wide
// like a phone photo, so it reads well when sent by WeChat.
import type { NoticeDoc } from './notice-doc';

const WIDTH = 1080;
const PAD = 64;
const FONT =
  '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Serif CJK SC", sans-serif';
/** Never at the start of a line (Chinese line breaking: 避头). */
const NO_LINE_START = /[，。、；：！？）》」”’％,.;:!?)]/;

interface Run {
  text: string;
  size: number;
  bold?: boolean;
  color?: string;
  indent?: number;
  gapBefore?: number;
  center?: boolean;
}

interface Line {
  text: string;
  run: Run;
  y: number;
}

const font = (r: Run) => `${r.bold ? '700 ' : ''}${r.size}px ${FONT}`;

function wrapLines(ctx: CanvasRenderingContext2D, r: Run, maxWidth: number): string[] {
  ctx.font = font(r);
  const out: string[] = [];
  let line = '';
  for (const ch of r.text) {
    if (line && ctx.measureText(line + ch).width > maxWidth && !NO_LINE_START.test(ch)) {
      out.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) out.push(line);
  return out;
}

function runs(doc: NoticeDoc): Run[] {
  const out: Run[] = [
    { text: doc.title, size: 60, bold: true, center: true },
    { text: `编号：${doc.number}`, size: 32, color: '#333', center: true, gapBefore: 8 },
  ];
  doc.meta.forEach(([k, v], i) => out.push({ text: `${k}：${v}`, size: 38, gapBefore: i === 0 ? 32 : 4 }));
  out.push({ text: doc.intro, size: 40, bold: true, gapBefore: 32 });
  doc.items.forEach((it, i) => {
    out.push({ text: `${i + 1}. ${it.what}`, size: 42, bold: true, gapBefore: 28 });
    if (it.reasons.length) out.push({ text: it.reasons.join('；'), size: 38, color: '#333', indent: 48 });
    out.push({ text: it.ask, size: 42, indent: 48, gapBefore: 4 });
    it.choices?.forEach((c, j) => out.push({ text: `${j > 0 ? '或 ' : ''}${c}`, size: 40, indent: 96 }));
  });
  if (doc.where) out.push({ text: doc.where, size: 40, bold: true, gapBefore: 32 });
  if (doc.presence) out.push({ text: doc.presence, size: 40, gapBefore: 16 });
  out.push({ text: doc.agent.map(([k, v]) => `${k}：${v}`).join('　'), size: 32, color: '#333', gapBefore: 40 });
  return out;
}

/** Lays the notice out line by line (measured with the real font), then draws it. */
export function drawNotice(canvas: HTMLCanvasElement, doc: NoticeDoc): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('画布不可用');
  const lines: Line[] = [];
  let y = PAD;
  for (const r of runs(doc)) {
    y += r.gapBefore ?? 0;
    for (const text of wrapLines(ctx, r, WIDTH - 2 * PAD - (r.indent ?? 0))) {
      lines.push({ text, run: r, y });
      y += Math.round(r.size * 1.5);
    }
  }
  canvas.width = WIDTH;
  canvas.height = y + PAD;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';
  for (const l of lines) {
    ctx.font = font(l.run);
    ctx.fillStyle = l.run.color ?? '#000';
    ctx.textAlign = l.run.center ? 'center' : 'left';
    ctx.fillText(l.text, l.run.center ? WIDTH / 2 : PAD + (l.run.indent ?? 0), l.y);
  }
}

export async function noticePng(doc: NoticeDoc): Promise<Blob> {
  await document.fonts?.ready;
  const canvas = document.createElement('canvas');
  drawNotice(canvas, doc);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('图片生成失败'))), 'image/png'),
  );
}

/** Shares the PNG where the device can (WeChat is in the share sheet), else downloads it. */
export async function saveNoticeImage(doc: NoticeDoc): Promise<'shared' | 'downloaded'> {
  const blob = await noticePng(doc);
  const file = new File([blob], `一次性告知单-${doc.number}.png`, { type: 'image/png' });
  if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: doc.title });
      return 'shared';
    } catch (e) {
      if ((e as Error).name === 'AbortError') return 'shared'; // the user closed the share sheet
      // Share refused (e.g. not from a tap): fall back to a download.
    }
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return 'downloaded';
}
