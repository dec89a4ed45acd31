// /api/admin/holidays: the county admin enters each year's official holiday arrangement (the
// State Council notice). Every device receives the saved years through the pull feed.
import { z } from 'zod';
import { HolidayArrangement, HolidayYearInput } from '../calendar/arrangement';
import { route } from './route-spec';

export const HolidaysResponse = z.object({
  /** The newest version of every stored year (the built-in years are stored as the seed). */
  years: z.array(HolidayArrangement),
  /** From 1 November: next year, while its arrangement is missing. */
  missingNextYear: z.number().int().optional(),
});
export type HolidaysResponse = z.infer<typeof HolidaysResponse>;

export const SaveHolidayYearResponse = z.object({ arrangement: HolidayArrangement });

export const HOLIDAY_ROUTES = {
  list: route({ method: 'GET', path: '/api/admin/holidays', response: HolidaysResponse }),
  save: route({
    method: 'POST',
    path: '/api/admin/holidays',
    body: HolidayYearInput,
    response: SaveHolidayYearResponse,
  }),
} as const;
