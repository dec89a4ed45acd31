// Test data and a fresh fake-indexeddb database per test.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { type Actor, type AuditEvent, type CaseInput, type Mutation, type PersonInput, uuidv7 } from '../../src/domain';
import { closeDb, DaibanDb, forgetStorageKey, makeAudit, unlockStorage, useDb } from '../../src/storage';

export const VILLAGE = '330102001201';
export const AGENT: Actor = { role: 'agent', id: 'agent-1' };
export const DEVICE = 'device-1';
export const T0 = 1_750_000_000_000;

let counter = 0;

/** A fixed data key: storage seals personal fields with it (sealing.ts). */
export const TEST_KEY = new Uint8Array(32).fill(7);

/** Gives every test its own empty, unlocked database. */
export function freshDbPerTest(): void {
  beforeEach(async () => {
    useDb(new DaibanDb(`test-${++counter}-${uuidv7()}`, { indexedDB, IDBKeyRange }));
    await unlockStorage(TEST_KEY);
  });
  afterEach(() => {
    closeDb();
    forgetStorageKey();
  });
}

export function person(over: Partial<PersonInput> = {}): PersonInput {
  return {
    id: uuidv7(),
    name: '张三丰',
    sex: 'M',
    idNumber: '440524188001010014',
    birthDate: '1880-01-01',
    phone: '13812345678',
    divisionCode: VILLAGE,
    villageCode: VILLAGE,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function kase(over: Partial<CaseInput> = {}): CaseInput {
  return {
    id: uuidv7(),
    number: `DB-${VILLAGE}-20250615-${String(++counter).padStart(3, '0')}`,
    itemCode: 'MED-INS-REG',
    itemVersion: 1,
    applicantId: uuidv7(),
    status: 'draft',
    villageCode: VILLAGE,
    agentId: AGENT.id,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function caseAudit(caseId: string, action = 'case.save', over: Partial<AuditEvent> = {}): AuditEvent {
  return makeAudit({
    entity: 'case',
    entityId: caseId,
    caseId,
    action,
    actor: AGENT,
    deviceId: DEVICE,
    at: T0,
    ...over,
  });
}

export function withdrawal(caseId: string, createdAt = T0): Mutation {
  return {
    id: uuidv7(createdAt),
    deviceId: DEVICE,
    createdAt,
    kind: 'case.withdraw',
    baseVersion: 0,
    payload: { caseId, reason: '群众不办了' },
  };
}

export const sha = (n: number) => n.toString(16).padStart(64, '0');
