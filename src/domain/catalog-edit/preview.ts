// The editor's preview: the rules engine run on a sample case of the edited item — a sample
// applicant of the chosen birth date, every form field filled (from the profile where it says so),
// every required material present with good photos and the profile's data typed in. What the
// report then says is what the item's own rules and limits say.
import { prefillFields } from '../prefill';
import { idCheckCharacter } from '../validators/id-number';
import { evaluate } from '../rules/evaluate';
import type { Report } from '../rules/types';
import type { Material } from '../schemas/case';
import type { ServiceItem } from '../schemas/catalog';
import type { Person } from '../schemas/person';

export interface PreviewSample {
  birthDate: string;
  today: string;
}

const SAMPLE_ID = '01900000-0000-7000-8000-000000000000';
const HASH = 'a'.repeat(64);
const GOOD = { width: 2000, height: 1500, sharpness: 300, mean: 140, clipped: 0.01 };

function sampleApplicant(birthDate: string): Person {
  const first17 = `341822${birthDate.replaceAll('-', '')}311`;
  return {
    id: SAMPLE_ID,
    name: '张德福',
    sex: 'M',
    idNumber: first17 + idCheckCharacter(first17),
    birthDate,
    ethnicity: '汉族',
    phone: '13812345678',
    address: '示例村 1 号',
    divisionCode: '341822100201',
    idCard: { issuedOn: '2015-01-01', validUntil: 'long-term' },
    bankCard: '6228480402564890018',
    bankName: '中国农业银行',
    household: [],
    villageCode: '341822100201',
    createdAt: 0,
    updatedAt: 0,
  };
}

export function previewReport(item: ServiceItem, sample: PreviewSample): Report {
  const applicant = sampleApplicant(sample.birthDate);
  // What a document of the applicant shows (typed into the materials' data fields).
  const profile: Record<string, string> = {
    name: applicant.name,
    holderName: applicant.name,
    idNumber: applicant.idNumber,
    cardNumber: applicant.bankCard ?? '',
    address: applicant.address,
  };
  const fields = prefillFields(item, applicant);
  for (const f of item.fields) fields[f.key] ??= f.options?.[0]?.value ?? (f.type === 'date' ? sample.today : '1');
  const materials: Material[] = item.materials
    .filter((m) => m.requirement !== 'optional' && m.kind !== 'e-licence')
    .map((m) => ({
      id: SAMPLE_ID,
      caseId: SAMPLE_ID,
      requirementId: m.id,
      pages:
        m.kind === 'document-photo'
          ? Array.from({ length: Math.max(1, m.pagesMin) }, () => ({
              sha256: HASH,
              mime: 'image/jpeg' as const,
              bytes: 100_000,
              quality: GOOD,
              capturedAt: 0,
            }))
          : [],
      ...(m.kind === 'signature' && {
        signature: {
          sha256: HASH,
          signerName: applicant.name,
          signerRole: 'applicant' as const,
          signedAt: 0,
          deviceId: 'preview',
        },
      }),
      data: Object.fromEntries(m.dataFields.map((f) => [f.key, profile[f.key] ?? fields[f.key] ?? '已核对'])),
      updatedAt: 0,
    }));
  return evaluate({
    item,
    caseData: { itemCode: item.code, fields, tolerance: [], acknowledged: [] },
    applicant,
    materials,
    today: sample.today,
  });
}
