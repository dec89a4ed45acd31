// Issue 15, defect 6: a prefilled form value edited away from the applicant's profile.
import { describe, expect, it } from 'vitest';
import { APPLICANT_ID_NUMBER, applicant, codes, idNumber, makeItem, material, only, page, run } from './fixtures';

const item = makeItem({
  fields: [
    { key: 'name', label: '姓名', type: 'name', required: true, fromProfile: 'name' },
    { key: 'idNumber', label: '公民身份号码', type: 'id-number', required: true, fromProfile: 'idNumber' },
    {
      key: 'sex',
      label: '性别',
      type: 'select',
      required: true,
      fromProfile: 'sex',
      options: [
        { value: 'M', label: '男' },
        { value: 'F', label: '女' },
      ],
    },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, fromProfile: 'phone' },
    { key: 'address', label: '户籍地址', type: 'text', fromProfile: 'address' },
    { key: 'bankCard', label: '银行卡号', type: 'bank-card', fromProfile: 'bankCard' },
  ],
});

const prefilled = {
  name: '张三',
  idNumber: APPLICANT_ID_NUMBER,
  sex: 'M',
  phone: '13812345678',
  address: '湖北省武汉市江夏区某村3组',
};
// Another valid number of the same district, born 1970-03-15 too: only the sequence differs.
const OTHER_ID = idNumber('42011719700315003');

describe('form values that drift from the profile', () => {
  it('passes a form that still says what the profile says', () => {
    expect(codes(run(item, { fields: prefilled }))).not.toContain('profile.drift');
  });

  it('reports an edited ID number as an error naming what to do', () => {
    const f = only(run(item, { fields: { ...prefilled, idNumber: OTHER_ID } }), 'profile.drift');
    expect(f.severity).toBe('error');
    expect(f.target).toEqual({ type: 'field', key: 'idNumber' });
    expect(f.key).toBe('profile.drift@field:idNumber');
    expect(f.message).toContain('群众档案');
    expect(f.message).toContain('改回档案值');
    expect(f.message).toContain('更新档案');
    expect(f.message).toContain(APPLICANT_ID_NUMBER);
  });

  it('clears the error once the profile is updated to the new ID number', () => {
    const r = run(item, {
      fields: { ...prefilled, idNumber: OTHER_ID },
      applicant: applicant({ idNumber: OTHER_ID }),
    });
    expect(codes(r)).not.toContain('profile.drift');
  });

  it('reports an edited name and an edited sex as errors', () => {
    const r = run(item, { fields: { ...prefilled, name: '张山', sex: 'F' } });
    const drift = r.findings.filter((f) => f.code === 'profile.drift');
    expect(drift.map((f) => [f.target, f.severity])).toEqual([
      [{ type: 'field', key: 'name' }, 'error'],
      [{ type: 'field', key: 'sex' }, 'error'],
    ]);
    expect(drift[1]!.message).toContain('“男”');
    expect(r.canSubmit).toBe(false);
  });

  it('reports an edited phone as a warning that can be acknowledged', () => {
    const fields = { ...prefilled, phone: '13912345678' };
    const f = only(run(item, { fields }), 'profile.drift');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('13812345678');
    expect(f.message).toContain('更新档案');
    const idCard = [material('id-card-front', { pages: [page()] })];
    expect(run(item, { fields, materials: idCard, acknowledged: [f.key] }).canSubmit).toBe(true);
    expect(run(item, { fields, materials: idCard }).canSubmit).toBe(false);
  });

  it('compares normalised values: spacing, full-width digits, +86 and a lower-case x are not edits', () => {
    const p = applicant({ idNumber: idNumber('11010519491231002'), bankCard: '6228480402564890018' });
    expect(p.idNumber.endsWith('X')).toBe(true);
    const r = run(item, {
      applicant: p,
      fields: {
        ...prefilled,
        idNumber: p.idNumber.toLowerCase(),
        phone: '+86 138-1234-5678',
        address: '湖北省武汉市江夏区 某村３组',
        bankCard: '6228 4804 0256 4890 018',
      },
    });
    expect(r.findings.filter((f) => f.code === 'profile.drift')).toEqual([]);
  });

  it('reports a wrong-format value once, as its format error, not again as a drift', () => {
    const r = run(item, { fields: { ...prefilled, phone: '1381234567' } });
    expect(codes(r)).toContain('mobile.length');
    expect(codes(r)).not.toContain('profile.drift');
  });

  it('leaves an emptied field to `required` and a value the profile lacks alone', () => {
    const r = run(item, {
      applicant: applicant({ phone: undefined }),
      fields: { ...prefilled, name: '', phone: '13912345678' },
    });
    expect(codes(r)).toContain('field.required');
    expect(codes(r)).not.toContain('profile.drift');
  });
});
