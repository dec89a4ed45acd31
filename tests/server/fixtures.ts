// Test data for the server: a real applicant (valid ID number by GB 11643 checksum), files with
// real magic bytes, and a complete, rule-passing CaseSubmission for a real catalogue item.
import { createHash, randomBytes } from 'node:crypto';
import { findItem } from '../../src/catalog';
import {
  caseNumber,
  prefillFields,
  uuidv7,
  type CaseSubmission,
  type Material,
  type MaterialRequirement,
  type Mutation,
  type Person,
  type ServiceItem,
} from '../../src/domain';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** An 18-digit ID number with its check character computed here, independently of src/domain. */
export function idNumber(area: string, birth: string, sequence: number): string {
  const first17 = `${area}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return first17 + CHECK[sum % 11]!;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A small "JPEG": the right magic bytes and unique content (the server sniffs, never decodes). */
/**
 * A JPEG's start: SOI and a baseline frame header of 1600×1200 (the server reads the pixel size
 * before storing a photo). Random bytes may follow: nothing decodes them.
 */
export const JPEG_HEAD = Buffer.from([
  0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x04, 0xb0, 0x06, 0x40, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03,
  0x11, 0x01,
]);
export const fakeJpeg = (size = 2048) => Buffer.concat([JPEG_HEAD, randomBytes(size - JPEG_HEAD.length)]);
export const fakePng = (size = 1024) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);

/** Valid Luhn (from the domain note). */
export const BANK_CARD = '6228480402564890018';

export function makePerson(villageCode: string, overrides: Partial<Person> = {}, now = Date.now()): Person {
  const birthDate = overrides.birthDate ?? '1940-05-12';
  return {
    id: uuidv7(now),
    name: '张德福',
    sex: 'M',
    idNumber: idNumber('341822', birthDate, 31),
    birthDate,
    ethnicity: '汉族',
    phone: '13812345678',
    address: '安徽省广德市桃州镇彭村村 12 号',
    divisionCode: villageCode,
    idCard: { issuedOn: '2010-01-01', validUntil: 'long-term' },
    bankCard: BANK_CARD,
    bankName: '中国农业银行',
    household: [],
    villageCode,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

const GOOD_QUALITY = { width: 1600, height: 1200, sharpness: 220, mean: 150, clipped: 0.02 };

export interface BuiltCase {
  submission: CaseSubmission;
  /** Every file the submission references, to upload before pushing. */
  files: Buffer[];
}

function dataFor(req: MaterialRequirement, p: Person): Record<string, string> {
  const values: Record<string, string> = {
    name: p.name,
    idNumber: p.idNumber,
    holderName: p.name,
    cardNumber: BANK_CARD,
  };
  return Object.fromEntries(req.dataFields.map((f) => [f.key, values[f.key] ?? '已核对']));
}

function fieldsFor(item: ServiceItem, p: Person): Record<string, string> {
  const out = prefillFields(item, p);
  for (const f of item.fields)
    if (!f.fromProfile)
      out[f.key] = f.options?.[0]?.value ?? (f.type === 'number' ? '1' : f.type === 'date' ? '2026-01-05' : '无');
  return out;
}

export interface CaseOptions {
  itemCode?: string;
  agentId: string;
  villageCode: string;
  now: number;
  applicant?: Person;
  /** Requirement ids left out and claimed under tolerance (容缺), with the promised date. */
  tolerate?: { requirementId: string; promisedBy: string }[];
}

export function buildCase(o: CaseOptions): BuiltCase {
  const item = findItem(o.itemCode ?? 'MZ-GLJT');
  if (!item) throw new Error('unknown item');
  const applicant = o.applicant ?? makePerson(o.villageCode, {}, o.now);
  const caseId = uuidv7(o.now);
  const files: Buffer[] = [];
  const tolerated = new Set((o.tolerate ?? []).map((t) => t.requirementId));
  const materials: Material[] = [];
  for (const req of item.materials) {
    if (tolerated.has(req.id)) continue;
    const needed = req.requirement !== 'optional' || (req.id === 'tolerance-commitment' && tolerated.size > 0);
    if (!needed || req.kind === 'e-licence') continue;
    const m: Material = {
      id: uuidv7(o.now),
      caseId,
      requirementId: req.id,
      pages: [],
      data: dataFor(req, applicant),
      updatedAt: o.now,
    };
    if (req.kind === 'document-photo') {
      for (let i = 0; i < Math.max(1, req.pagesMin); i++) {
        const file = fakeJpeg();
        files.push(file);
        m.pages.push({
          sha256: sha256(file),
          mime: 'image/jpeg',
          bytes: file.length,
          quality: GOOD_QUALITY,
          capturedAt: o.now,
        });
      }
    }
    if (req.kind === 'signature') {
      const file = fakePng();
      files.push(file);
      m.signature = {
        sha256: sha256(file),
        signerName: applicant.name,
        signerRole: 'applicant',
        signedAt: o.now,
        deviceId: 'tablet-1',
      };
    }
    materials.push(m);
  }
  return {
    files,
    submission: {
      case: {
        id: caseId,
        number: caseNumber(o.villageCode, o.now, caseId.slice(-4)),
        itemCode: item.code,
        itemVersion: item.version,
        applicantId: applicant.id,
        status: 'queued',
        fields: fieldsFor(item, applicant),
        acknowledged: [],
        tolerance: (o.tolerate ?? []).map((t) => ({ requirementId: t.requirementId, promisedBy: t.promisedBy })),
        villageCode: o.villageCode,
        agentId: o.agentId,
        revision: 0,
        baseVersion: 0,
        createdAt: o.now,
        updatedAt: o.now,
      },
      materials,
      applicant,
    },
  };
}

export function submitMutation(submission: CaseSubmission, now: number): Extract<Mutation, { kind: 'case.submit' }> {
  return {
    id: uuidv7(now),
    deviceId: 'tablet-1',
    createdAt: now,
    kind: 'case.submit',
    baseVersion: 0,
    payload: submission,
  };
}

export function resubmitMutation(
  submission: CaseSubmission,
  baseVersion: number,
  now: number,
): Extract<Mutation, { kind: 'case.resubmit' }> {
  return {
    id: uuidv7(now),
    deviceId: 'tablet-1',
    createdAt: now,
    kind: 'case.resubmit',
    baseVersion,
    payload: submission,
  };
}
