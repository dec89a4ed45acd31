// /api/divisions: the caller's own county's imported townships and villages (code and name), so
// a tablet can check a profile's 12-digit division code against the list offline. The county
// comes from the session, never from the request: nobody can ask for another county's list. The
// answer carries a version (also its ETag): a device sends If-None-Match and gets 304 while
// nothing changed.
import { z } from 'zod';
import { route } from './route-spec';

export const CountyDivision = z.object({
  code: z.string().regex(/^\d{12}$/),
  name: z.string().max(60),
});
export type CountyDivision = z.infer<typeof CountyDivision>;

export const CountyDivisionsResponse = z.object({
  countyCode: z.string().regex(/^\d{6}$/),
  /** Changes whenever a code or name of the list changes (a digest of the list). */
  version: z.string().regex(/^[0-9a-f]{16,64}$/),
  /** Townships (…000) and villages, by code; empty while the county has imported none. */
  divisions: z.array(CountyDivision),
});
export type CountyDivisionsResponse = z.infer<typeof CountyDivisionsResponse>;

export const DIVISION_ROUTES = {
  county: route({ method: 'GET', path: '/api/divisions', response: CountyDivisionsResponse }),
} as const;
