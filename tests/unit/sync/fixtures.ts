// Test data for sync tests: valid submissions (parsed by the shared schemas) and random photos.
import { createHash, randomBytes } from 'node:crypto';
import { Mutation, uuidv7, type CaseSubmission } from '../../../src/domain';

export const DEVICE_ID = 'tablet-test-01';
export const VILLAGE = '130503101001';

export interface TestBlob {
  sha256: string;
  mime: string;
  data: ArrayBuffer;
}

export function makeBlob(bytes: number): TestBlob {
  const buf = randomBytes(bytes);
  const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return { sha256: createHash('sha256').update(buf).digest('hex'), mime: 'image/jpeg', data };
}

export function makeSubmission(
  opts: { caseId?: string; photos?: TestBlob[]; signature?: TestBlob; fields?: Record<string, string> } = {},
): CaseSubmission {
  const now = 1_760_000_000_000;
  const caseId = opts.caseId ?? uuidv7();
  const applicantId = uuidv7();
  const materials = [];
  if (opts.photos?.length) {
    materials.push({
      id: uuidv7(),
      caseId,
      requirementId: 'id-card',
      data: {},
      updatedAt: now,
      pages: opts.photos.map((p) => ({
        sha256: p.sha256,
        mime: 'image/jpeg' as const,
        bytes: p.data.byteLength,
        capturedAt: now,
      })),
    });
  }
  if (opts.signature) {
    materials.push({
      id: uuidv7(),
      caseId,
      requirementId: 'entrustment',
      data: {},
      updatedAt: now,
      pages: [],
      signature: {
        sha256: opts.signature.sha256,
        signerName: '张三',
        signerRole: 'applicant' as const,
        signedAt: now,
        deviceId: DEVICE_ID,
      },
    });
  }
  return {
    case: {
      id: caseId,
      number: 'DB-001-20251010-001',
      itemCode: 'resident-medical-insurance',
      itemVersion: 1,
      applicantId,
      status: 'queued',
      fields: opts.fields ?? {},
      acknowledged: [],
      tolerance: [],
      villageCode: VILLAGE,
      agentId: 'agent-1',
      revision: 1,
      baseVersion: 0,
      createdAt: now,
      updatedAt: now,
    },
    materials,
    applicant: {
      id: applicantId,
      name: '张三',
      sex: 'F',
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      ethnicity: '汉族',
      address: '',
      divisionCode: VILLAGE,
      household: [],
      villageCode: VILLAGE,
      createdAt: now,
      updatedAt: now,
    },
  };
}

export function submitMutation(submission: CaseSubmission, createdAt = Date.now()): Mutation {
  return Mutation.parse({
    id: uuidv7(createdAt),
    deviceId: DEVICE_ID,
    createdAt,
    kind: 'case.submit',
    baseVersion: 0,
    payload: submission,
  });
}

export function withdrawMutation(caseId: string, baseVersion: number, createdAt = Date.now()): Mutation {
  return Mutation.parse({
    id: uuidv7(createdAt),
    deviceId: DEVICE_ID,
    createdAt,
    kind: 'case.withdraw',
    baseVersion,
    payload: { caseId, reason: '群众撤回' },
  });
}
