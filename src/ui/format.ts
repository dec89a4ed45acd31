// Display formatting (Chinese conventions, China time whatever the device's zone).
import { chinaDateTime } from '../domain/dates';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** `2025-06-01 14:03` in China time. */
export function formatTime(ms: number): string {
  return chinaDateTime(ms);
}

/** `2025年6月1日` */
export function formatDateCn(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export const SEX_LABELS = { M: '男', F: '女' } as const;
