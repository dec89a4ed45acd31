// Reason chips per kind of target (issue 14, item 10): the reviewer is offered only reasons that can
// be true of the target. Expectations written by hand from what each kind of target can go wrong with.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/catalog';
import { FieldType, MaterialKind } from '../../../src/domain/schemas/catalog';
import { ReasonCode, REASON_LABELS } from '../../../src/domain/schemas/decision';
import { reasonsFor } from '../../../src/domain/review/return-reasons';

const field = (type: FieldType) => reasonsFor({ kind: 'field', field: { type } });
const material = (kind: MaterialKind) => reasonsFor({ kind: 'material', material: { kind } });

describe('reasonsFor', () => {
  it('a phone-number field offers 号码错误 and 不是申请人本人的, never 照片模糊', () => {
    expect(field('phone')).toEqual(['wrong-number', 'not-applicants', 'other']);
    expect(field('phone')).not.toContain('blurred');
  });

  it('a document photo offers 照片模糊, 反光或太暗 and 缺页, not 缺少签名', () => {
    const photo = material('document-photo');
    expect(photo.slice(0, 3)).toEqual(['blurred', 'glare', 'missing-pages']);
    expect(photo).toContain('inconsistent-with-id');
    expect(photo).toContain('expired');
    expect(photo).not.toContain('missing-signature');
  });

  it('a signature offers 缺少签名 and 签名不是本人, and no photo faults', () => {
    expect(material('signature')).toEqual([
      'missing-signature',
      'not-signer',
      'wrong-form-version',
      'incomplete',
      'other',
    ]);
  });

  it('an electronic licence cannot be blurred or miss pages', () => {
    expect(material('e-licence')).toEqual(['expired', 'inconsistent-with-id', 'not-applicants', 'other']);
  });

  it('a name or ID-number field offers 与身份证信息不一致', () => {
    expect(field('name')).toEqual(['inconsistent-with-id', 'wrong-value', 'other']);
    expect(field('id-number')).toEqual(['inconsistent-with-id', 'wrong-number', 'other']);
  });

  it('photo faults are offered for document photos only, and every target can say 其他', () => {
    const photoOnly: ReasonCode[] = ['blurred', 'glare', 'missing-pages'];
    for (const t of FieldType.options) {
      for (const c of photoOnly) expect(field(t), `${t} ${c}`).not.toContain(c);
      expect(field(t)).toContain('other');
    }
    for (const k of MaterialKind.options) {
      if (k !== 'document-photo') for (const c of photoOnly) expect(material(k), `${k} ${c}`).not.toContain(c);
      expect(material(k)).toContain('other');
    }
  });

  it('no catalogue target is offered more than 8 chips, each with a label', () => {
    for (const item of CATALOG) {
      for (const m of item.materials) expect(material(m.kind).length).toBeLessThanOrEqual(8);
      for (const f of item.fields) expect(field(f.type).length).toBeLessThanOrEqual(3);
    }
    for (const c of ReasonCode.options) expect(REASON_LABELS[c].length).toBeGreaterThan(1);
  });

  it('keeps the stored codes of older decisions', () => {
    // Decisions stored before the chips used these seven; they must still parse.
    for (const c of [
      'blurred',
      'incomplete',
      'inconsistent-with-id',
      'expired',
      'missing-signature',
      'wrong-form-version',
      'other',
    ])
      expect(ReasonCode.safeParse(c).success).toBe(true);
  });
});
