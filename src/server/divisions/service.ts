// A county's imported division list as the server hands it out and checks against it: the
// townships and villages (12-digit codes) the county admin imported (admin/divisions-import.ts).
import { createHash } from 'node:crypto';
import { countyOf, divisionList, validateDivisionCode, type DivisionList, type Person } from '../../domain';
import type { CountyDivision } from '../../domain/api/divisions';
import { Rejected } from '../cases';
import type { DivisionRecord, Repositories } from '../store';

export interface CountyList {
  divisions: CountyDivision[];
  /** A digest of codes and names: any import that changes the list changes it. */
  version: string;
}

export async function countyDivisions(repos: Pick<Repositories, 'divisions'>, countyCode: string): Promise<CountyList> {
  const divisions = (await repos.divisions.inCounty(countyCode)).map((d) => ({ code: d.code, name: d.name }));
  const hash = createHash('sha256').update(countyCode);
  for (const d of divisions) hash.update(`\n${d.code}\t${d.name}`);
  return { divisions, version: hash.digest('hex').slice(0, 32) };
}

/** The list a read of `inCounty` makes, built once per read: a push reads it once per batch
 *  (sync/apply.ts) and checks every person of the batch against the same array. */
const lists = new WeakMap<readonly DivisionRecord[], DivisionList>();
function listOf(known: readonly DivisionRecord[]): DivisionList {
  let list = lists.get(known);
  if (!list) {
    list = divisionList(known.map((d) => d.code));
    lists.set(known, list);
  }
  return list;
}

/**
 * Refuses a profile whose division code is not a well-formed 12-digit code
 * (`person.division_invalid`, as the device's form checks), or lies in a county that has an
 * imported list on this server but is not in it (`person.division_unknown`). A county without a
 * list (a migrant from another province) is checked for structure only, as on the device.
 */
export async function checkPersonDivision(repos: Pick<Repositories, 'divisions'>, person: Person): Promise<void> {
  const structure = validateDivisionCode(person.divisionCode, 12);
  if (!structure.ok)
    throw new Rejected(
      'person.division_invalid',
      `${person.name}的档案中，行政区划代码 ${person.divisionCode} 有误：${structure.error.message}。请先点“撤回修改”，在群众档案中改正后重新提交`,
    );
  const known = await repos.divisions.inCounty(countyOf(structure.value.code));
  if (known.length === 0) return;
  const listed = validateDivisionCode(structure.value.code, 12, listOf(known));
  if (!listed.ok)
    throw new Rejected(
      'person.division_unknown',
      `${person.name}的档案中，行政区划代码 ${person.divisionCode} 不在本县导入的行政区划列表中。` +
        `请先点“撤回修改”，在群众档案中改为正确的村（社区）代码后重新提交；如该村确属本县，请联系县级管理员导入最新的行政区划列表`,
    );
}
