// The sync envelope between device and township server. DO NOT CHANGE a shipped mutation kind's
// payload without a new kind: old tablets may still hold it in their outbox.
import { z } from 'zod';
import { Sha256, Timestamp, Uuid } from './common';
import { Case, CaseStatus, Material } from './case';
import { Person } from './person';
import { Decision, Rating, Rectification } from './decision';
import { ServiceItem } from './catalog';
import { HolidayArrangement } from '../calendar/arrangement';

export const MAX_MUTATIONS_PER_PUSH = 50;
/** Changes per pull page at most. The previous app asked for 200; a first sync now takes pages of
 *  2,000, which the server serves from sealed chunks of its feed. */
export const MAX_PULL_PAGE = 2000;
/** The largest page a server before issue 12's chunks answers: the client falls back to it. */
export const LEGACY_PULL_PAGE = 200;

/** A case as sent for (re)submission: everything the server needs to re-run the rules. */
export const CaseSubmission = z.object({
  case: Case,
  materials: z.array(Material).max(60),
  applicant: Person,
  entruster: Person.optional(),
  /** The profiles the applicant's household links to (who co-signs a household material); absent
   *  in submissions from before issue 15. */
  household: z.array(Person).max(20).optional(),
});
export type CaseSubmission = z.infer<typeof CaseSubmission>;

const envelope = {
  /** Device-generated UUIDv7: the idempotency key. */
  id: Uuid,
  deviceId: z.string().min(1).max(64),
  createdAt: Timestamp,
};

export const Mutation = z.discriminatedUnion('kind', [
  z.object({ ...envelope, kind: z.literal('case.submit'), baseVersion: z.literal(0), payload: CaseSubmission }),
  z.object({
    ...envelope,
    kind: z.literal('case.resubmit'),
    baseVersion: z.number().int().positive(),
    payload: CaseSubmission,
  }),
  z.object({
    ...envelope,
    kind: z.literal('case.withdraw'),
    baseVersion: z.number().int().nonnegative(),
    payload: z.object({ caseId: Uuid, reason: z.string().max(500) }),
  }),
  z.object({
    ...envelope,
    kind: z.literal('tolerance.supply'),
    baseVersion: z.number().int().positive(),
    payload: z.object({ caseId: Uuid, material: Material }),
  }),
  z.object({
    ...envelope,
    kind: z.literal('rating.create'),
    baseVersion: z.number().int().positive(),
    payload: Rating,
  }),
]);
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: z.string().min(1).max(64),
  mutations: z.array(Mutation).min(1).max(MAX_MUTATIONS_PER_PUSH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResult = z.object({
  id: Uuid,
  status: z.enum(['ok', 'rejected', 'retry']),
  /** Stable code, e.g. `rules.failed`, `blob.missing`, `version.stale`. */
  code: z.string().optional(),
  /** Chinese reason the agent sees next to the case. */
  message: z.string().optional(),
  /** Server version of the entity after applying. */
  version: z.number().int().nonnegative().optional(),
  missingBlobs: z.array(Sha256).optional(),
});
export type PushResult = z.infer<typeof PushResult>;
export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

/** One change the device must apply, in server order. */
export const Change = z.discriminatedUnion('type', [
  z.object({
    seq: z.number().int().positive(),
    type: z.literal('case.status'),
    caseId: Uuid,
    status: CaseStatus,
    version: z.number().int().nonnegative(),
    dueOn: z.string().optional(),
    acceptedOn: z.string().optional(),
    at: Timestamp,
  }),
  z.object({
    seq: z.number().int().positive(),
    type: z.literal('decision'),
    caseId: Uuid,
    decision: Decision,
    version: z.number().int().nonnegative(),
  }),
  z.object({
    seq: z.number().int().positive(),
    type: z.literal('rectification'),
    caseId: Uuid,
    rectification: Rectification,
  }),
  z.object({ seq: z.number().int().positive(), type: z.literal('catalog.item'), item: ServiceItem }),
  /** A year's holiday arrangement (newest version): devices count deadlines with it. */
  z.object({ seq: z.number().int().positive(), type: z.literal('holiday.year'), arrangement: HolidayArrangement }),
  /** A profile as the server holds it after a submission merged it in: the village's other
   *  devices merge it into theirs (mergePerson), so two devices' edits converge. */
  z.object({ seq: z.number().int().positive(), type: z.literal('person'), person: Person }),
]);
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
