// Fetches the county's division list when it changed: If-None-Match with the stored version, so
// an unchanged list costs a 304. Loaded lazily (it carries the route's schema). Best effort: a
// device offline or refused keeps what it has (or structure-only checks).
import { DIVISION_ROUTES } from '../domain/api/divisions';
import { confirmCountyDivisions, readCountyDivisions, writeCountyDivisions } from '../storage/county-divisions';
import type { AppState } from './app-state';
import { userCounty } from './county-divisions';

/** A sync round asks at most this often; a login always asks. */
export const DIVISIONS_CHECK_INTERVAL_MS = 30 * 60_000;

export type RefreshOutcome = 'updated' | 'unchanged' | 'skipped' | 'failed';

export async function refreshCountyDivisions(
  state: Pick<AppState, 'api' | 'user' | 'deps'>,
  { force = false }: { force?: boolean } = {},
): Promise<RefreshOutcome> {
  const county = userCounty(state);
  if (!county) return 'skipped';
  const now = state.deps.now();
  const cached = await readCountyDivisions().catch(() => undefined);
  const mine = cached?.countyCode === county ? cached : undefined;
  if (!force && mine && now - mine.checkedAt < DIVISIONS_CHECK_INTERVAL_MS) return 'skipped';
  try {
    const res = await state.api.raw(DIVISION_ROUTES.county, {
      headers: mine ? { 'if-none-match': `"${mine.version}"` } : {},
    });
    if (res.status === 304 && mine) {
      await confirmCountyDivisions(county, mine.version, now);
      return 'unchanged';
    }
    if (!res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      return 'failed';
    }
    const parsed = DIVISION_ROUTES.county.response.safeParse(await res.json());
    // A list of another county (a session that changed meanwhile) is not this user's.
    if (!parsed.success || parsed.data.countyCode !== county) return 'failed';
    await writeCountyDivisions({ ...parsed.data, checkedAt: now });
    return 'updated';
  } catch {
    return 'failed';
  }
}
