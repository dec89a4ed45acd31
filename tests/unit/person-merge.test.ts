// Two devices edit one profile offline: mergePerson converges both copies, keeps both edits of
// different fields, and never drops a same-field edit silently (it stays as a visible conflict).
import { describe, expect, it } from 'vitest';
import { mergePerson, settlePersonConflicts, stampPersonEdit, type Person } from '../../src/domain';

const T0 = Date.parse('2026-03-02T02:00:00Z');
const base: Person = stampPersonEdit(
  undefined,
  {
    id: '01900000-0000-7000-8000-000000000001',
    name: '张德福',
    sex: 'M',
    idNumber: '341822194005120315',
    birthDate: '1940-05-12',
    ethnicity: '汉族',
    phone: '13812345678',
    address: '彭村村 12 号',
    divisionCode: '341822100201',
    household: [],
    villageCode: '341822100201',
    createdAt: T0,
    updatedAt: T0,
  },
  T0,
);
const edit = (p: Person, change: Partial<Person>, at: number) =>
  stampPersonEdit(p, { ...p, ...change, updatedAt: at }, at);

describe('mergePerson', () => {
  it('keeps both edits when two devices change different fields, in either order', () => {
    const a = edit(base, { phone: '13900000000' }, T0 + 1000);
    const b = edit(base, { address: '彭村村 15 号' }, T0 + 2000);
    const ab = mergePerson(a, b);
    const ba = mergePerson(b, a);
    expect(ab).toMatchObject({ phone: '13900000000', address: '彭村村 15 号', conflicts: [] });
    expect(ba).toEqual(ab);
    // Idempotent: merging again with either side changes nothing.
    expect(mergePerson(ab, a)).toEqual(ab);
    expect(mergePerson(b, ab)).toEqual(ab);
  });

  it('same field on both: the later edit wins and the other value stays visible as a conflict', () => {
    const a = edit(base, { phone: '13900000000' }, T0 + 1000);
    const b = edit(base, { phone: '13700000000' }, T0 + 2000);
    const merged = mergePerson(a, b);
    expect(merged.phone).toBe('13700000000');
    expect(merged.conflicts).toEqual([{ field: 'phone', value: '13900000000', at: T0 + 1000 }]);
    expect(mergePerson(b, a)).toEqual(merged);
    // The device that lost sees the conflict after its next merge too; it does not vanish.
    expect(mergePerson(a, merged).conflicts).toEqual(merged.conflicts);
  });

  it('an edit made after seeing the other value is no conflict', () => {
    const a = edit(base, { phone: '13900000000' }, T0 + 1000);
    const b = edit(a, { phone: '13700000000' }, T0 + 2000);
    expect(mergePerson(a, b)).toMatchObject({ phone: '13700000000', conflicts: [] });
  });

  it('editing the field again settles its conflict, also after merging with the old copy', () => {
    const a = edit(base, { phone: '13900000000' }, T0 + 1000);
    const b = edit(base, { phone: '13700000000' }, T0 + 2000);
    const merged = mergePerson(a, b);
    const settled = edit(merged, { phone: '13900000000' }, T0 + 3000);
    expect(settled.conflicts).toEqual([]);
    expect(mergePerson(settled, merged)).toMatchObject({ phone: '13900000000', conflicts: [] });
    expect(mergePerson(a, settled)).toMatchObject({ phone: '13900000000', conflicts: [] });
  });

  it('keeping the shown value settles the conflict too, here and on a device still holding it', () => {
    const a = edit(base, { phone: '13900000000' }, T0 + 1000);
    const b = edit(base, { phone: '13700000000' }, T0 + 2000);
    const merged = mergePerson(a, b);
    expect(merged.phone).toBe('13700000000');
    const kept = settlePersonConflicts(merged, 'phone', '13700000000', T0 + 3000);
    expect(kept).toMatchObject({ phone: '13700000000', conflicts: [] });
    expect(mergePerson(merged, kept)).toMatchObject({ phone: '13700000000', conflicts: [] });
    expect(mergePerson(a, kept)).toMatchObject({ phone: '13700000000', conflicts: [] });
    // Taking the other device's value instead: it becomes the profile's value everywhere.
    const taken = settlePersonConflicts(merged, 'phone', '13900000000', T0 + 3000);
    expect(mergePerson(b, taken)).toMatchObject({ phone: '13900000000', conflicts: [] });
    // Other fields' conflicts stay open.
    const two = mergePerson(edit(a, { address: '一组 1 号' }, T0 + 1500), edit(b, { address: '二组 2 号' }, T0 + 2500));
    expect(settlePersonConflicts(two, 'phone', two.phone, T0 + 3000).conflicts?.map((c) => c.field)).toEqual([
      'address',
    ]);
  });

  it('profiles from an older app (no stamps) fall back to the newer profile', () => {
    const { fieldsAt: _f, conflicts: _c, ...legacy } = base;
    const older = { ...legacy, phone: '13100000000', updatedAt: T0 + 10 };
    const newer = { ...legacy, phone: '13200000000', updatedAt: T0 + 20 };
    expect(mergePerson(older, newer).phone).toBe('13200000000');
    expect(mergePerson(newer, older).phone).toBe('13200000000');
  });
});
