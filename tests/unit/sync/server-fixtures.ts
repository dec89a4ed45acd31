// Submissions the real township server accepts: a catalogue item's required materials captured
// with good photos, signatures, and an applicant whose data passes the rules engine.
import { createHash, randomBytes } from 'node:crypto';
import { CATALOG } from '../../../src/catalog';
import { uuidv7, type CaseSubmission, type Material, type ServiceItem } from '../../../src/domain';
import type { TestBlob } from './fixtures';
import { JPEG_HEAD } from '../../server/fixtures';

/** Random bytes behind a JPEG header: the server sniffs types and sizes; random data does not compress. */
export function makeJpeg(bytes: number): TestBlob {
  const buf = randomBytes(bytes);
  buf.set(JPEG_HEAD, 0);
  const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return { sha256: createHash('sha256').update(buf).digest('hex'), mime: 'image/jpeg', data };
}

/** A signature image (PNG signature bytes). */
export function makePng(bytes: number): TestBlob {
  const buf = randomBytes(bytes);
  buf.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return { sha256: createHash('sha256').update(buf).digest('hex'), mime: 'image/png', data };
}

export const GOOD_QUALITY = { width: 1600, height: 1200, sharpness: 240, mean: 150, clipped: 0.04 };

export function catalogItem(code: string): ServiceItem {
  const item = CATALOG.find((i) => i.code === code);
  if (!item) throw new Error(`no item ${code}`);
  return item;
}

export interface ServerCase {
  submission: CaseSubmission;
  blobs: TestBlob[];
}

/**
 * A case of `itemCode` for village `villageCode`: every document photo material gets its minimum
 * pages (optional ones included), every signature material a signature. Blobs are made fresh.
 */
export function serverCase(
  itemCode: string,
  villageCode: string,
  agentId: string,
  photoBytes = 30_000,
  now = Date.now(),
): ServerCase {
  const item = catalogItem(itemCode);
  const caseId = uuidv7(now);
  const applicantId = uuidv7(now);
  const applicant = {
    id: applicantId,
    name: '王桂兰',
    sex: 'F' as const,
    idNumber: '11010519491231002X',
    birthDate: '1949-12-31',
    ethnicity: '汉族',
    phone: '13812345678',
    address: '安徽省广德市桃州镇彭村村 12 号',
    divisionCode: villageCode,
    household: [],
    villageCode,
    idCard: { issuedOn: '2010-05-01', validUntil: 'long-term' as const },
    createdAt: now,
    updatedAt: now,
  };
  const blobs: TestBlob[] = [];
  const materials: Material[] = [];
  for (const req of item.materials) {
    const base = { id: uuidv7(now), caseId, requirementId: req.id, updatedAt: now };
    if (req.kind === 'document-photo') {
      const pages = Array.from({ length: Math.max(1, req.pagesMin) }, () => {
        const photo = makeJpeg(photoBytes);
        blobs.push(photo);
        return {
          sha256: photo.sha256,
          mime: 'image/jpeg' as const,
          bytes: photo.data.byteLength,
          quality: GOOD_QUALITY,
          capturedAt: now,
        };
      });
      const data = Object.fromEntries(
        req.dataFields.map((f) => [
          f.key,
          f.key === 'idNumber' ? applicant.idNumber : f.key === 'name' ? applicant.name : 'x',
        ]),
      );
      materials.push({ ...base, pages, data });
    } else if (req.kind === 'signature') {
      const sig = makePng(4_000);
      blobs.push(sig);
      materials.push({
        ...base,
        pages: [],
        data: {},
        signature: {
          sha256: sig.sha256,
          signerName: applicant.name,
          signerRole: 'applicant',
          signedAt: now,
          deviceId: 'e2e',
        },
      });
    }
  }
  const fields: Record<string, string> = {};
  for (const f of item.fields) {
    if (f.fromProfile) fields[f.key] = String((applicant as Record<string, unknown>)[f.fromProfile] ?? '');
    else if (f.type === 'select') fields[f.key] = f.options?.[0]?.value ?? '';
    else if (f.required) fields[f.key] = '测试';
  }
  return {
    blobs,
    submission: {
      case: {
        id: caseId,
        number: `DB-${villageCode}-${uuidv7(now).slice(-6)}`,
        itemCode,
        itemVersion: item.version,
        applicantId,
        status: 'queued',
        fields,
        acknowledged: [],
        tolerance: [],
        villageCode,
        agentId,
        revision: 1,
        baseVersion: 0,
        createdAt: now,
        updatedAt: now,
      },
      materials,
      applicant,
    },
  };
}
