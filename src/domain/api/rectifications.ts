// 差评整改: GET /api/rectifications and POST /api/rectifications/:id/close { callbackNote }.
import { z } from 'zod';
import { UUID_PATTERN } from '../ids';
import { IsoDate } from '../schemas/common';
import { Rectification } from '../schemas/decision';
import { DeadlineStatus } from './shapes';
import { route } from './route-spec';

export const RectificationListQuery = z.object({ status: z.enum(['open', 'closed']).optional() });
export const RectificationParams = z.object({ id: z.string().regex(UUID_PATTERN, '整改编号格式不正确') });
export const CloseRectificationBody = z.object({
  callbackNote: z.string().trim().min(2, '请填写回访情况（至少 2 个字）').max(1000, '回访情况不能超过 1000 字'),
});

export const RectificationView = z.object({
  rectification: Rectification,
  caseNumber: z.string(),
  itemCode: z.string(),
  villageCode: z.string(),
  rating: z.object({ level: z.number().int(), comment: z.string() }).nullable(),
  /** Countdown for open items; absent once closed. */
  deadline: DeadlineStatus.optional(),
});
export type RectificationView = z.infer<typeof RectificationView>;

export const RectificationList = z.object({ today: IsoDate, items: z.array(RectificationView) });
export type RectificationList = z.infer<typeof RectificationList>;

export const CloseRectificationResponse = z.object({ rectification: RectificationView });

export const RECTIFICATION_ROUTES = {
  list: route({
    method: 'GET',
    path: '/api/rectifications',
    query: RectificationListQuery,
    response: RectificationList,
  }),
  close: route({
    method: 'POST',
    path: '/api/rectifications/:id/close',
    params: RectificationParams,
    body: CloseRectificationBody,
    response: CloseRectificationResponse,
  }),
} as const;
