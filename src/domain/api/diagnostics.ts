// POST /api/diagnostics: what a device could not read (stored rows that fail validation, pulled
// changes of an unknown kind), sent by the agent from the sync screen so the county IT person
// can see it. Only table names, keys, versions and schema paths travel: never the values, which
// may hold a villager's personal data.
import { z } from 'zod';
import { route } from './route-spec';

export const MAX_DIAGNOSTIC_ITEMS = 100;

export const DiagnosticItem = z.object({
  /** `row.invalid`, `row.newer`, `change.unknown_kind`, `change.invalid`. */
  code: z
    .string()
    .regex(/^[a-z]+(\.[a-z_]+)+$/)
    .max(60),
  /** The device table or `pull`. */
  source: z.string().max(40),
  /** Row id or change seq. */
  key: z.string().max(80),
  schemaVersion: z.number().int().nonnegative().optional(),
  /** Schema paths that failed, e.g. `fields.idNumber`; no values. */
  paths: z.array(z.string().max(120)).max(20).default([]),
  seenAt: z.number().int().nonnegative(),
});
export type DiagnosticItem = z.infer<typeof DiagnosticItem>;

export const DiagnosticReport = z.object({
  deviceId: z.string().min(1).max(64),
  appVersion: z.string().max(40),
  items: z.array(DiagnosticItem).min(1).max(MAX_DIAGNOSTIC_ITEMS),
});
export type DiagnosticReport = z.infer<typeof DiagnosticReport>;

export const DiagnosticReceipt = z.object({ received: z.number().int().nonnegative() });

export const DIAGNOSTIC_ROUTES = {
  send: route({ method: 'POST', path: '/api/diagnostics', body: DiagnosticReport, response: DiagnosticReceipt }),
} as const;
