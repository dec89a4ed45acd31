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

/** Rows addressed to a division or to everyone (all scope columns null): the change feed. */
export function addressedTo(v: Visibility): Clause {
  const everyone = `(village_code IS NULL AND township_code IS NULL AND county_code IS NULL)`;
  const own = ownedBy(v);
  return { sql: `(${own.sql} OR ${everyone})`, params: own.params };
}
