// A county's imported division list as the server hands it out and checks against it: the
// townships and villages (12-digit codes) the county admin imported (admin/divisions-import.ts).
import { createHash } from 'node:crypto';
import { countyOf, divisionList, validateDivisionCode, type Person } from '../../domain';
import type { CountyDivision } from '../../domain/api/divisions';
import { Rejected } from '../cases';
import type { Repositories } from '../store';

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

/**
 * Refuses (Rejected `person.division_unknown`) a profile whose 12-digit division code lies in a
 * county that has an imported list on this server but is not in it. A county without a list
 * (another province's migrant worker) is checked for structure only, as on the device.
 */
export async function checkPersonDivision(repos: Pick<Repositories, 'divisions'>, person: Person): Promise<void> {
  const known = await repos.divisions.inCounty(countyOf(person.divisionCode));
  if (known.length === 0) return;
  const check = validateDivisionCode(person.divisionCode, 12, divisionList(known.map((d) => d.code)));
  if (check.ok) return;
  if (check.error.code === 'division.unknown')
    throw new Rejected(
      'person.division_unknown',
      `${person.name}的档案中，行政区划代码 ${person.divisionCode} 不在本县导入的行政区划列表中。` +
        `请先点“撤回修改”，在群众档案中改为正确的村（社区）代码后重新提交；如该村确属本县，请联系县级管理员导入最新的行政区划列表`,
    );
  throw new Rejected(
    'person.division_invalid',
    `${person.name}的档案中，行政区划代码 ${person.divisionCode} 有误：${check.error.message}。请先点“撤回修改”，改正档案后重新提交`,
  );
}
