import { z } from 'zod';
import { SHA256_PATTERN, UUID_PATTERN } from '../ids';

/** A calendar date, `YYYY-MM-DD` (Beijing time is implied: every party is in UTC+8). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/** Milliseconds since the epoch. */
export const Timestamp = z.number().int().nonnegative();

export const Uuid = z.string().regex(UUID_PATTERN, '编号格式不正确');
export const Sha256 = z.string().regex(SHA256_PATTERN, '文件摘要格式不正确');

/** 12-digit statistical division code of a village (or 6-digit county code). */
export const DivisionCode = z.string().regex(/^(\d{6}|\d{12})$/, '行政区划代码应为 6 位或 12 位数字');

export const Role = z.enum(['agent', 'reviewer', 'admin']);
export type Role = z.infer<typeof Role>;

/** Who did something: a person with a role, or the system itself. */
export const Actor = z.object({ role: z.enum(['agent', 'reviewer', 'admin', 'system']), id: z.string().max(64) });
export type Actor = z.infer<typeof Actor>;
