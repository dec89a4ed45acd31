// The signed-in user's county division list on this device, as the person form checks against it.
// Light (no API schemas): the fetch lives in county-divisions-fetch.ts, loaded only when online.
import { divisionList, type DivisionList } from '../domain/validators/division-code';
import { readCountyDivisions } from '../storage/county-divisions';
import type { AppState } from './app-state';

/** The county (6 digits) of the signed-in user, from its county or its village/township code. */
export function userCounty(state: Pick<AppState, 'user'>): string | undefined {
  const u = state.user.value;
  const code = u?.countyCode ?? u?.villageCode ?? u?.townshipCode;
  return code && /^\d{6}/.test(code) ? code.slice(0, 6) : undefined;
}

let memo: { key: string; list: DivisionList } | undefined;

/**
 * The stored list of the user's county, or undefined (none received yet, another county's, or
 * empty): then the form checks structure only. Parsed once per version.
 */
export async function divisionListFor(state: Pick<AppState, 'user'>): Promise<DivisionList | undefined> {
  const county = userCounty(state);
  if (!county) return undefined;
  const cached = await readCountyDivisions().catch(() => undefined);
  if (!cached || cached.countyCode !== county || cached.divisions.length === 0) return undefined;
  const key = `${cached.countyCode}:${cached.version}`;
  if (memo?.key !== key)
    memo = {
      key,
      list: divisionList(
        cached.divisions.map((d) => d.code),
        'county',
      ),
    };
  return memo.list;
}
