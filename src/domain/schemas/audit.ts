import { z } from 'zod';
import { Actor, Timestamp, Uuid } from './common';

/** Every state change leaves one of these; the reviewer sees them as the case timeline. */
export const AuditEvent = z.object({
  id: Uuid,
  entity: z.enum([
    'case',
    'person',
    'material',
    'decision',
    'rating',
    'rectification',
    'session',
    'user',
    'division',
    'holiday',
    'catalog',
  ]),
  entityId: z.string().max(64),
  caseId: Uuid.optional(),
  action: z.string().max(60),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  actor: Actor,
  at: Timestamp,
  deviceId: z.string().max(64).optional(),
  detail: z.string().max(1000).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
