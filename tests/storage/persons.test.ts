import { describe, expect, it } from 'vitest';
import {
  countPersons,
  getDb,
  getPerson,
  getPersonByIdNumber,
  listAudit,
  listHousehold,
  savePerson,
  searchPersons,
} from '../../src/storage';
import { AGENT, DEVICE, freshDbPerTest, person, T0 } from './fixtures';

freshDbPerTest();

describe('persons', () => {
  it('saves a profile with an audit event in one transaction and reads it back as a domain Person', async () => {
    const p = person();
    await savePerson(p, AGENT, DEVICE);
    const read = await getPerson(p.id!);
    expect(read?.name).toBe('张三丰');
    expect(read?.ethnicity).toBe('汉族');
    expect(read).not.toHaveProperty('initials');
    const audit = await getDb().audit.toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'person', entityId: p.id, action: 'person.create', deviceId: DEVICE });
    await savePerson({ ...p, phone: '13912345678' }, AGENT, DEVICE);
    const actions = (await getDb().audit.toArray()).map((a) => a.action);
    expect(actions.sort()).toEqual(['person.create', 'person.update']);
    expect(await listAudit('none')).toEqual([]);
  });

  it('refuses a second profile with the same ID number, names the existing one, and writes nothing', async () => {
    const first = person();
    await savePerson(first, AGENT, DEVICE);
    const twin = person({ name: '李四' });
    expect(twin.id).not.toBe(first.id);
    await expect(savePerson(twin, AGENT, DEVICE)).rejects.toMatchObject({
      code: 'storage.conflict',
      existingId: first.id,
      existingName: first.name,
    });
    expect(await countPersons()).toBe(1);
    expect(await getDb().audit.count()).toBe(1);
  });

  it('rejects invalid input with storage.invalid', async () => {
    await expect(savePerson(person({ idNumber: '123' }), AGENT, DEVICE)).rejects.toMatchObject({
      code: 'storage.invalid',
    });
  });

  it('finds persons by name prefix, name character, pinyin initials, full pinyin, ID and phone prefix', async () => {
    const zhang = person({ name: '张三丰', idNumber: '440524188001010014', phone: '13812345678' });
    const li = person({ name: '李小龙', idNumber: '11010519491231002X', phone: '13900001111', updatedAt: T0 + 1 });
    const shan = person({ name: '单田芳', idNumber: '110105193405010011', phone: undefined });
    for (const p of [zhang, li, shan]) await savePerson(p, AGENT, DEVICE);
    const names = async (q: string) => (await searchPersons(q)).map((p) => p.name);
    expect(await names('张')).toEqual(['张三丰']);
    expect(await names('三')).toEqual(['张三丰']);
    expect(await names('zsf')).toEqual(['张三丰']);
    expect(await names('ZS')).toEqual(['张三丰']);
    expect(await names('zhangsan')).toEqual(['张三丰']);
    expect(await names('xl')).toEqual(['李小龙']); // given-name initials
    expect(await names('stf')).toEqual(['单田芳']); // 单 read as a surname (shàn), not dān
    expect(await names('1101')).toEqual(expect.arrayContaining(['李小龙', '单田芳']));
    expect(await names('11010519491231002x')).toEqual(['李小龙']);
    expect(await names('139')).toEqual(['李小龙']);
    expect(await names('王')).toEqual([]);
    expect(await names('  ')).toEqual([]);
    expect(await getPersonByIdNumber('11010519491231002x')).toMatchObject({ name: '李小龙' });
  });

  it('puts the exact name first and respects the limit', async () => {
    await savePerson(person({ name: '张三丰', idNumber: '440524188001010014', updatedAt: T0 + 5 }), AGENT, DEVICE);
    await savePerson(person({ name: '张三', idNumber: '440524188001010022' }), AGENT, DEVICE);
    expect((await searchPersons('张三')).map((p) => p.name)).toEqual(['张三', '张三丰']);
    expect(await searchPersons('张', 1)).toHaveLength(1);
  });

  it('lists the household from both sides of a link', async () => {
    const mother = person({ name: '王秀英', idNumber: '330102195001010023', sex: 'F' });
    const son = person({
      name: '李明',
      idNumber: '330102197501010031',
      household: [{ personId: mother.id!, relation: 'parent' }],
    });
    const wife = person({ name: '赵芳', idNumber: '330102197801010040', sex: 'F' });
    son.household!.push({ personId: wife.id!, relation: 'spouse' });
    for (const p of [mother, son, wife]) await savePerson(p, AGENT, DEVICE);
    const ofSon = await listHousehold(son.id!);
    expect(ofSon.map((m) => [m.person.name, m.relation]).sort()).toEqual([
      ['王秀英', 'parent'],
      ['赵芳', 'spouse'],
    ]);
    const ofMother = await listHousehold(mother.id!);
    expect(ofMother.map((m) => [m.person.name, m.relation])).toEqual([['李明', 'child']]);
    expect(await listHousehold('no-such-person')).toEqual([]);
  });
});
