// A villager's profile (群众档案): typed once, it fills every case form.
import { z } from 'zod';
import { DivisionCode, IsoDate, Sha256, Timestamp, Uuid } from './common';

export const Relation = z.enum(['spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent', 'other']);
export type Relation = z.infer<typeof Relation>;

export const HouseholdLink = z.object({ personId: Uuid, relation: Relation });

export const IdCard = z.object({
  issuedOn: IsoDate,
  /** End of validity, or 'long-term' (长期) for cards issued at 46 or older. */
  validUntil: z.union([IsoDate, z.literal('long-term')]),
  frontPhoto: Sha256.optional(),
  backPhoto: Sha256.optional(),
});
export type IdCard = z.infer<typeof IdCard>;

export const Person = z.object({
  id: Uuid,
  name: z.string().min(1).max(40),
  sex: z.enum(['M', 'F']),
  idNumber: z.string().regex(/^\d{17}[\dX]$/, '身份证号应为 18 位'),
  birthDate: IsoDate,
  ethnicity: z.string().max(20).default('汉族'),
  phone: z.string().max(20).optional(),
  address: z.string().max(200).default(''),
  /** 12-digit village code (statistical division code). */
  divisionCode: DivisionCode,
  idCard: IdCard.optional(),
  bankCard: z.string().max(30).optional(),
  bankName: z.string().max(40).optional(),
  household: z.array(HouseholdLink).default([]),
  /** Village the profile belongs to (scope). */
  villageCode: z.string().regex(/^\d{12}$/),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** When each field was last edited (`at`) and the time of the value that edit replaced (`from`), so two devices' edits merge field by field (persons/merge.ts). */
  fieldsAt: z.record(z.string().max(20), z.object({ at: Timestamp, from: Timestamp })).optional(),
  /** Values a later edit of the same field replaced on another device: shown until the agent resolves them. */
  conflicts: z
    .array(z.object({ field: z.string().max(20), value: z.unknown(), at: Timestamp }))
    .max(20)
    .optional(),
});
export type Person = z.infer<typeof Person>;
export type PersonInput = z.input<typeof Person>;
