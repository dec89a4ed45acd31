// Draws a CardSample in the browser: the card in the real 居民身份证 layout (85.6 × 54 mm at
// 10 px/mm) with Noto CJK, photographed onto a 1280 × 960 scene, then its degradation. Same seed,
// same pixels (on the same Chromium and fonts).
import { rng, type CardSample } from './card-set';

const CARD_W = 856,
  CARD_H = 540;
const SCENE_W = 1280,
  SCENE_H = 960;
const SANS = '"Noto Sans CJK SC", sans-serif';
const LABEL = '#2f6aa3';
const INK = '#141414';

function cardBackground(ctx: CanvasRenderingContext2D, r: () => number, tint: string): void {
  const g = ctx.createLinearGradient(0, 0, CARD_W, CARD_H);
  g.addColorStop(0, '#f4f1ea');
  g.addColorStop(0.5, tint);
  g.addColorStop(1, '#eef2f3');
  ctx.fillStyle = g;
  ctx.beginPath();
  ctx.roundRect(0, 0, CARD_W, CARD_H, 32);
  ctx.fill();
  // The faint guilloche of a real card: thin wavy lines that the detector must ignore.
  ctx.strokeStyle = 'rgba(120,150,170,0.18)';
  ctx.lineWidth = 1;
  const phase = r() * 6;
  for (let k = 0; k < 28; k++) {
    ctx.beginPath();
    for (let x = 0; x <= CARD_W; x += 8) {
      const y = 20 + k * 19 + 6 * Math.sin(x / 37 + phase + k);
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}

function text(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  size: number,
  color: string,
  font = SANS,
  weight = 400,
): void {
  ctx.font = `${weight} ${size}px ${font}`;
  ctx.fillStyle = color;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(s, x, y);
}

/** Splits an address into printed lines of at most 11 characters, like the card. */
export function addressLines(address: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < address.length; i += 11) out.push(address.slice(i, i + 11));
  return out;
}

function front(ctx: CanvasRenderingContext2D, s: CardSample, r: () => number): void {
  const p = s.person;
  cardBackground(ctx, r, '#eef0f6');
  const lx = 58,
    vx = 150;
  text(ctx, '姓 名', lx, 92, 22, LABEL);
  text(ctx, p.name, vx, 94, 28, INK, SANS, 500);
  text(ctx, '性 别', lx, 152, 22, LABEL);
  text(ctx, p.sex, vx, 154, 26, INK);
  text(ctx, '民 族', 270, 152, 22, LABEL);
  text(ctx, p.ethnicity, 360, 154, 26, INK);
  text(ctx, '出 生', lx, 212, 22, LABEL);
  text(ctx, String(p.birth.y), vx, 214, 26, INK);
  text(ctx, '年', 222, 212, 22, LABEL);
  text(ctx, String(p.birth.m), 266, 214, 26, INK);
  text(ctx, '月', 300, 212, 22, LABEL);
  text(ctx, String(p.birth.d), 340, 214, 26, INK);
  text(ctx, '日', 374, 212, 22, LABEL);
  text(ctx, '住 址', lx, 272, 22, LABEL);
  addressLines(p.address).forEach((line, i) => text(ctx, line, vx, 274 + i * 38, 26, INK));
  text(ctx, '公民身份号码', lx, 462, 22, LABEL);
  ctx.save();
  ctx.font = `600 31px "DejaVu Sans Mono", monospace`;
  ctx.fillStyle = INK;
  (ctx as CanvasRenderingContext2D & { letterSpacing: string }).letterSpacing = '3px';
  ctx.fillText(p.idNumber, 262, 464);
  ctx.restore();
  // The portrait: a grey silhouette where the photo would be.
  ctx.fillStyle = '#d9dde3';
  ctx.fillRect(588, 64, 218, 272);
  ctx.fillStyle = '#9aa3ad';
  ctx.beginPath();
  ctx.arc(697, 170, 58, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.ellipse(697, 336, 100, 80, 0, Math.PI, 0);
  ctx.fill();
}

function back(ctx: CanvasRenderingContext2D, s: CardSample, r: () => number): void {
  const p = s.person;
  cardBackground(ctx, r, '#f3ecea');
  // The emblem: a red disc with a star, not text.
  ctx.fillStyle = '#c8312b';
  ctx.beginPath();
  ctx.arc(130, 130, 72, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#f2c230';
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rad = k % 2 ? 14 : 34;
    ctx.lineTo(130 + rad * Math.cos(a), 118 + rad * Math.sin(a));
  }
  ctx.fill();
  text(ctx, '中华人民共和国', 250, 130, 46, INK, SANS, 700);
  ctx.save();
  (ctx as CanvasRenderingContext2D & { letterSpacing: string }).letterSpacing = '14px';
  text(ctx, '居民身份证', 250, 226, 62, INK, SANS, 700);
  ctx.restore();
  text(ctx, '签发机关', 150, 404, 22, LABEL);
  text(ctx, p.authority, 270, 406, 26, INK);
  text(ctx, '有效期限', 150, 464, 22, LABEL);
  text(ctx, p.validity, 270, 466, 26, INK);
}

function busyBackground(ctx: CanvasRenderingContext2D, r: () => number): void {
  ctx.fillStyle = '#7a5a3a';
  ctx.fillRect(0, 0, SCENE_W, SCENE_H);
  for (let k = 0; k < 60; k++) {
    ctx.fillStyle = `hsl(${Math.floor(r() * 360)},${30 + Math.floor(r() * 50)}%,${30 + Math.floor(r() * 50)}%)`;
    ctx.fillRect(r() * SCENE_W, r() * SCENE_H, 20 + r() * 200, 20 + r() * 120);
  }
  // A newspaper-like scrap: real text near the card.
  const words = '农村合作医疗报销须知村委会通知本周五下午召开村民大会请准时参加';
  for (let k = 0; k < 14; k++) {
    const at = Math.floor(r() * (words.length - 8));
    text(ctx, words.slice(at, at + 8), r() * SCENE_W, r() * SCENE_H, 18 + r() * 14, 'rgba(20,20,20,0.8)');
  }
}

/** Renders the sample to a JPEG Blob (quality 0.9, or very low for the 'jpeg' degradation). */
export async function renderCard(s: CardSample): Promise<Blob> {
  await document.fonts.load(`26px ${SANS}`, '姓名张');
  const r = rng(s.seed);
  const card = new OffscreenCanvas(CARD_W, CARD_H);
  const cctx = card.getContext('2d') as unknown as CanvasRenderingContext2D;
  (s.side === 'front' ? front : back)(cctx, s, r);

  const scene = new OffscreenCanvas(SCENE_W, SCENE_H);
  const ctx = scene.getContext('2d') as unknown as CanvasRenderingContext2D;
  if (s.degradation === 'busy-background') busyBackground(ctx, r);
  else {
    ctx.fillStyle = `hsl(${30 + Math.floor(r() * 40)},12%,${38 + Math.floor(r() * 20)}%)`;
    ctx.fillRect(0, 0, SCENE_W, SCENE_H);
  }
  const scale = s.degradation === 'jpeg' ? 0.95 : 1.15 + r() * 0.2;
  const w = CARD_W * scale,
    h = CARD_H * scale;
  const cx = SCENE_W / 2 + (r() - 0.5) * 60,
    cy = SCENE_H / 2 + (r() - 0.5) * 60;
  ctx.save();
  if (s.degradation === 'defocus') ctx.filter = `blur(${(1.4 + r() * 0.6).toFixed(2)}px)`;
  if (s.degradation === 'low-light') ctx.filter = `brightness(${(0.35 + r() * 0.1).toFixed(2)}) contrast(0.75)`;
  if (s.degradation === 'perspective') {
    // Keystone: each row of the card drawn narrower towards the top, as if tilted away.
    const tilt = 0.1 + r() * 0.06;
    const skew = (r() - 0.5) * 40;
    for (let y = 0; y < CARD_H; y++) {
      const t = y / CARD_H;
      const rowW = w * (1 - tilt * (1 - t));
      const rowH = (h / CARD_H) * (0.85 + 0.15 * t);
      const top = cy - h / 2 + (h * (t * (0.85 + 0.075 * t))) / 0.925;
      ctx.drawImage(card, 0, y, CARD_W, 1, cx - rowW / 2 + skew * (1 - t), top, rowW, rowH + 0.6);
    }
  } else {
    ctx.translate(cx, cy);
    const angle = s.degradation === 'rotation' ? (r() < 0.5 ? -1 : 1) * (6 + r() * 9) : (r() - 0.5) * 3;
    ctx.rotate((angle * Math.PI) / 180);
    ctx.drawImage(card, -w / 2, -h / 2, w, h);
  }
  ctx.restore();
  if (s.degradation === 'glare') {
    const gx = cx + (r() - 0.5) * w * 0.6,
      gy = cy + (r() - 0.5) * h * 0.5;
    const g = ctx.createRadialGradient(gx, gy, 10, gx, gy, 150 + r() * 80);
    g.addColorStop(0, 'rgba(255,255,255,0.8)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, SCENE_W, SCENE_H);
  }
  if (s.degradation === 'low-light') {
    // Sensor noise.
    const img = ctx.getImageData(0, 0, SCENE_W, SCENE_H);
    for (let i = 0; i < img.data.length; i += 4) {
      const n = (r() - 0.5) * 28;
      for (let c = 0; c < 3; c++) img.data[i + c] = img.data[i + c]! + n;
    }
    ctx.putImageData(img, 0, 0);
  }
  return scene.convertToBlob({ type: 'image/jpeg', quality: s.degradation === 'jpeg' ? 0.12 : 0.9 });
}
