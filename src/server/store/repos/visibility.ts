// SQL for "rows the caller may see", shared by every scoped query.
import type { SqlValue } from '../sql';
import type { Visibility } from '../store';

export interface Clause {
  sql: string;
  params: SqlValue[];
}

/** Rows that belong to a division: cases, blobs through cases. */
export function ownedBy(v: Visibility, alias = ''): Clause {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  if ('villageCode' in v) return { sql: `${col('village_code')} = ?`, params: [v.villageCode] };
  if ('townshipCode' in v) return { sql: `${col('township_code')} = ?`, params: [v.townshipCode] };
  return { sql: `${col('county_code')} = ?`, params: [v.countyCode] };
}

/**
 * Rows addressed to everyone in the deployment (catalogue, calendar): every scope column null. The
 * same words as the partial index `changes_everyone` (migration 12), so the planner can use it.
 */
export const EVERYONE = 'village_code IS NULL AND township_code IS NULL AND county_code IS NULL';
