// Demo cases for `scripts/seed.ts`: complete, rule-passing submissions with real (generated)
// PNG pages, so a fresh township server has something in every queue of the reviewer desk.
import { createHash } from 'node:crypto';
import {
  caseNumber,
  countyOf,
  prefillFields,
  uuidv7,
  type CaseSubmission,
  type Material,
  type MaterialRequirement,
  type Person,
  type ServiceItem,
} from '../../src/domain';
import { idCheckCharacter } from '../../src/domain/validators';
import { demoPagePng } from './page-png';

export interface DemoApplicant {
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  sequence: number;
}

/** Luhn-valid (the domain note's example). */
const DEMO_BANK_CARD = '6228480402564890018';

export function demoPerson(a: DemoApplicant, villageCode: string, now: number): Person {
  // Odd sequence digit = male, even = female (GB 11643).
  const seq = a.sequence * 2 + (a.sex === 'M' ? 1 : 0);
  const first17 = `${countyOf(villageCode)}${a.birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return {
    id: uuidv7(now),
    name: a.name,
    sex: a.sex,
    idNumber: first17 + idCheckCharacter(first17),
    birthDate: a.birthDate,
    ethnicity: '汉族',
    phone: `139${String(10_000_000 + a.sequence * 7919).slice(-8)}`,
    address: '安徽省广德市（示例地址）',
    divisionCode: villageCode,
    idCard: { issuedOn: '2012-06-01', validUntil: 'long-term' },
    bankCard: DEMO_BANK_CARD,
    bankName: '中国农业银行',
    household: [],
    villageCode,
    createdAt: now,
    updatedAt: now,
  };
}

const HUES: [number, number, number][] = [
  [40, 90, 160],
  [160, 60, 50],
  [50, 130, 80],
  [150, 110, 30],
  [100, 60, 140],
];
/** SHA-256 as lower-case hex: the id the server stores a file under. */
export const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function dataFor(req: MaterialRequirement, p: Person): Record<string, string> {
  const known: Record<string, string> = {
    name: p.name,
    idNumber: p.idNumber,
    holderName: p.name,
    cardNumber: DEMO_BANK_CARD,
  };
  return Object.fromEntries(req.dataFields.map((f) => [f.key, known[f.key] ?? '已核对']));
}

function formFields(item: ServiceItem, p: Person): Record<string, string> {
  const out = prefillFields(item, p);
  for (const f of item.fields)
    if (!f.fromProfile) out[f.key] = f.options?.[0]?.value ?? (f.type === 'number' ? '1' : '见附件');
  return out;
}

export interface DemoCase {
  submission: CaseSubmission;
  files: Buffer[];
}

export function demoCase(
  item: ServiceItem,
  o: { agentId: string; applicant: Person; now: number; tolerate?: string[]; promisedBy?: string },
): DemoCase {
  const caseId = uuidv7(o.now);
  const tolerated = new Set(o.tolerate ?? []);
  const files: Buffer[] = [];
  const materials: Material[] = [];
  item.materials.forEach((req, index) => {
    if (tolerated.has(req.id) || req.kind === 'e-licence') return;
    if (req.requirement === 'optional' && !(req.id === 'tolerance-commitment' && tolerated.size > 0)) return;
    const m: Material = {
      id: uuidv7(o.now),
      caseId,
      requirementId: req.id,
      pages: [],
      data: dataFor(req, o.applicant),
      updatedAt: o.now,
    };
    const hue = HUES[index % HUES.length]!;
    if (req.kind === 'document-photo') {
      const portrait = req.id === 'photo' || req.id === 'face-photo';
      const [w, h] = portrait ? [480, 640] : [1000, 750];
      for (let page = 0; page < Math.max(1, req.pagesMin); page++) {
        const png = demoPagePng(w, h, hue, index * 7 + page);
        files.push(png);
        m.pages.push({
          sha256: sha256Hex(png),
          mime: 'image/png',
          bytes: png.length,
          capturedAt: o.now,
          quality: { width: w, height: h, sharpness: 180, mean: 200, clipped: 0.08 },
        });
      }
    }
    if (req.kind === 'signature') {
      const png = demoPagePng(480, 180, hue, index);
      files.push(png);
      m.signature = {
        sha256: sha256Hex(png),
        signerName: o.applicant.name,
        signerRole: 'applicant',
        signedAt: o.now,
        deviceId: 'demo-tablet',
      };
    }
    materials.push(m);
  });
  return {
    files,
    submission: {
      case: {
        id: caseId,
        number: caseNumber(o.applicant.villageCode, o.now, caseId.slice(-4)),
        itemCode: item.code,
        itemVersion: item.version,
        applicantId: o.applicant.id,
        status: 'queued',
        fields: formFields(item, o.applicant),
        acknowledged: [],
        tolerance: [...tolerated].map((requirementId) => ({ requirementId, promisedBy: o.promisedBy ?? '' })),
        villageCode: o.applicant.villageCode,
        agentId: o.agentId,
        revision: 0,
        baseVersion: 0,
        createdAt: o.now,
        updatedAt: o.now,
      },
      materials,
      applicant: o.applicant,
    },
  };
}
