// A case (办件): one service item for one applicant, its materials, and what the agent acknowledged.
import { z } from 'zod';
import { Actor, IsoDate, Sha256, Timestamp, Uuid } from './common';
import { LookupToken } from '../lookup/token';

export const CASE_STATUSES = [
  'draft',
  'ready',
  'queued',
  'submitted',
  'in_review',
  'returned',
  'resubmitted',
  'accepted',
  'accepted_tolerance',
  'suspended',
  'completed',
  'delivered',
  'rated',
  'terminated',
  'withdrawn',
  // Issue 15: 不予受理, 回访 and 归档 as statuses of their own.
  'refused',
  'followed_up',
  'archived',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Image metrics measured by the image worker on a ≤ 1 MP grey copy. */
export const QualityMetrics = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Variance of the Laplacian: higher is sharper. */
  sharpness: z.number().nonnegative(),
  /** Mean grey level 0–255. */
  mean: z.number().min(0).max(255),
  /** Share of pixels clipped to black or white. */
  clipped: z.number().min(0).max(1),
  /** Weakest direction's detail over the strongest's (camera shake → 0); absent on pages measured before it existed. */
  isotropy: z.number().min(0).max(1).optional(),
  /** Mean colourfulness (largest minus smallest channel, 0–255): ≈ 0 for a black-and-white photo. */
  chroma: z.number().min(0).max(255).optional(),
  /** The two top corners (a portrait's background): their mean colour and the spread (standard
   *  deviation) of their grey levels. Absent on pages measured before these existed. */
  backdrop: z
    .object({
      r: z.number().min(0).max(255),
      g: z.number().min(0).max(255),
      b: z.number().min(0).max(255),
      spread: z.number().nonnegative(),
    })
    .optional(),
});
export type QualityMetrics = z.infer<typeof QualityMetrics>;

export const Page = z.object({
  sha256: Sha256,
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
  bytes: z.number().int().positive(),
  quality: QualityMetrics.optional(),
  capturedAt: Timestamp,
});
export type Page = z.infer<typeof Page>;

/** A signature drawn on screen: the image plus who signed, when and on which device. */
export const Signature = z.object({
  sha256: Sha256,
  signerName: z.string().min(1).max(40),
  signerRole: z.enum(['applicant', 'entruster', 'agent', 'guardian', 'household']),
  signedAt: Timestamp,
  deviceId: z.string().max(64),
  /** The profile of who signed, when the signer is a household member (several signers). */
  personId: Uuid.optional(),
});
export type Signature = z.infer<typeof Signature>;

export const Material = z.object({
  id: Uuid,
  caseId: Uuid,
  requirementId: z.string(),
  pages: z.array(Page).max(30).default([]),
  signature: Signature.optional(),
  /** Further signers of a material several people sign (household members besides the applicant),
   *  one per personId. Absent on older cases and single-signer materials. */
  signatures: z.array(Signature).max(20).optional(),
  /** E-licence reference number (电子证照), when kind = e-licence. */
  licenceRef: z.string().max(100).optional(),
  /** Data typed from the document, e.g. the name printed on it. */
  data: z.record(z.string(), z.string()).default({}),
  updatedAt: Timestamp,
});
export type Material = z.infer<typeof Material>;

/** Every signature of a material: the main one first, then the further signers'. */
export const materialSignatures = (m: Pick<Material, 'signature' | 'signatures'>): Signature[] =>
  m.signature ? [m.signature, ...(m.signatures ?? [])] : (m.signatures ?? []);

/** A missing tolerable material and the date the applicant promised to supply it. */
export const TolerancePromise = z.object({
  requirementId: z.string(),
  promisedBy: IsoDate,
  dueBy: IsoDate.optional(),
  suppliedAt: Timestamp.optional(),
});
export type TolerancePromise = z.infer<typeof TolerancePromise>;

export const Case = z.object({
  id: Uuid,
  /** Human case number printed on the receipt, e.g. DB-<village>-<yyyymmdd>-<seq>. */
  number: z.string().max(40),
  /** Printed on the receipt with the number: opens the public progress page. The server keeps
   *  only its hash (cases.lookup_hash); older cases have none. */
  lookupToken: LookupToken.optional(),
  itemCode: z.string(),
  itemVersion: z.number().int().positive(),
  applicantId: Uuid,
  /** The person who entrusts the agent, when not the applicant (e.g. a child for an old parent). */
  entrusterId: Uuid.optional(),
  status: CaseStatus,
  fields: z.record(z.string(), z.string()).default({}),
  /** Finding keys of warnings the agent has read and accepted. */
  acknowledged: z.array(z.string()).default([]),
  tolerance: z.array(TolerancePromise).default([]),
  villageCode: z.string().regex(/^\d{12}$/),
  agentId: z.string().max(64),
  /** Increases with every submission (1 = first, 2 = first resubmission…). */
  revision: z.number().int().nonnegative().default(0),
  /** Server version the local copy was last based on (optimistic concurrency). */
  baseVersion: z.number().int().nonnegative().default(0),
  submittedAt: Timestamp.optional(),
  acceptedOn: IsoDate.optional(),
  dueOn: IsoDate.optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: Actor.optional(),
});
export type Case = z.infer<typeof Case>;
export type CaseInput = z.input<typeof Case>;
