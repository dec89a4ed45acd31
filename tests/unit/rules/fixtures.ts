// Inline test items and cases for the rules engine (independent of the real catalogue).
import type { Material, Page, QualityMetrics, TolerancePromise } from '../../../src/domain/schemas/case';
import { ServiceItem, type ServiceItemInput } from '../../../src/domain/schemas/catalog';
import type { Person } from '../../../src/domain/schemas/person';
import { evaluate } from '../../../src/domain/rules';
import type { EvaluationInput, Finding, Report } from '../../../src/domain/rules';
import { idCheckCharacter } from '../../../src/domain/validators';

/** A Monday. */
export const TODAY = '2025-06-02';
const CASE_ID = '01900000-0000-7000-8000-000000000001';

export const sha = (n: number) => n.toString(16).padStart(64, '0');
export const uuid = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
export const idNumber = (first17: string) => first17 + idCheckCharacter(first17);

export const GOOD_QUALITY: QualityMetrics = { width: 1600, height: 1200, sharpness: 150, mean: 128, clipped: 0.02 };

/** A page with good metrics, the given overrides, or (null) no metrics at all. */
export function page(quality: Partial<QualityMetrics> | null = {}, n = 1): Page {
  return {
    sha256: sha(n),
    mime: 'image/jpeg',
    bytes: 200_000,
    ...(quality === null ? {} : { quality: { ...GOOD_QUALITY, ...quality } }),
    capturedAt: 1_700_000_000_000 + n,
  };
}

export const pages = (count: number) => Array.from({ length: count }, (_, i) => page({}, i + 1));

interface MaterialOptions {
  pages?: Page[];
  signed?: boolean;
  licenceRef?: string;
  data?: Record<string, string>;
  updatedAt?: number;
  id?: number;
}

let nextMaterialId = 100;
export function material(requirementId: string, o: MaterialOptions = {}): Material {
  return {
    id: uuid(o.id ?? nextMaterialId++),
    caseId: CASE_ID,
    requirementId,
    pages: o.pages ?? [],
    ...(o.signed
      ? {
          signature: {
            sha256: sha(999),
            signerName: '张三',
            signerRole: 'applicant',
            signedAt: 1_700_000_000_000,
            deviceId: 'tablet-1',
          },
        }
      : {}),
    ...(o.licenceRef ? { licenceRef: o.licenceRef } : {}),
    data: o.data ?? {},
    updatedAt: o.updatedAt ?? 1_700_000_000_000,
  } as Material;
}

export const APPLICANT_ID_NUMBER = idNumber('42011719700315001'); // born 1970-03-15, male

export function applicant(over: Partial<Person> = {}): Person {
  return {
    id: uuid(1),
    name: '张三',
    sex: 'M',
    idNumber: APPLICANT_ID_NUMBER,
    birthDate: '1970-03-15',
    ethnicity: '汉族',
    phone: '13812345678',
    address: '湖北省武汉市江夏区某村3组',
    divisionCode: '420115100201',
    idCard: { issuedOn: '2016-06-01', validUntil: 'long-term' },
    household: [],
    villageCode: '420115100201',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...over,
  };
}

const BASE_ITEM: ServiceItemInput = {
  code: 'TEST-ITEM',
  version: 1,
  name: '测试事项',
  category: '测试',
  agency: '县测试局',
  legalLimitDays: 20,
  promisedLimitDays: 10,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [],
  materials: [
    {
      id: 'id-card-front',
      name: '身份证正面',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
    },
  ],
  rules: [],
};

export const makeItem = (over: Partial<ServiceItemInput> = {}): ServiceItem =>
  ServiceItem.parse({ ...BASE_ITEM, ...over });

export interface CaseOptions {
  fields?: Record<string, string>;
  materials?: Material[];
  tolerance?: TolerancePromise[];
  acknowledged?: string[];
  applicant?: Person;
  today?: string;
  workingDaysBetween?: EvaluationInput['workingDaysBetween'];
}

export function inputFor(item: ServiceItem, o: CaseOptions = {}): EvaluationInput {
  return {
    item,
    caseData: {
      itemCode: item.code,
      fields: o.fields ?? {},
      tolerance: o.tolerance ?? [],
      acknowledged: o.acknowledged ?? [],
    },
    applicant: o.applicant ?? applicant(),
    materials: o.materials ?? [],
    today: o.today ?? TODAY,
    ...(o.workingDaysBetween ? { workingDaysBetween: o.workingDaysBetween } : {}),
  };
}

export const run = (item: ServiceItem, o: CaseOptions = {}): Report => evaluate(inputFor(item, o));

/** The codes found, in report order. */
export const codes = (r: Report) => r.findings.map((f) => f.code);
export const keys = (r: Report) => r.findings.map((f) => f.key);
export const only = (r: Report, code: string): Finding => {
  const found = r.findings.filter((f) => f.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${found.length}: ${codes(r).join(', ')}`);
  return found[0] as Finding;
};

/** Every finding message must be Chinese. */
export const HAS_CHINESE = /\p{Script=Han}/u;
