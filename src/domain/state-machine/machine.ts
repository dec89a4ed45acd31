// Applies one action to a case status and returns the audit event that records it.
import type { AuditEvent } from '../schemas/audit';
import type { Actor } from '../schemas/common';
import type { CaseStatus } from '../schemas/case';
import { CASE_ACTIONS, type ActorRole, type CaseAction } from './actions';
import { IllegalTransitionError } from './errors';
import { TRANSITIONS, type Transition } from './transitions';

export interface TransitionContext {
  caseId: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** The audit event's id (a UUIDv7 made by the caller, so replays stay idempotent). */
  eventId: string;
  deviceId?: string;
  /** Why: required for 中止 and 终止. */
  detail?: string;
  /** The case revision (1 = first submission): needed for `recall` and `sync-accepted`. */
  revision?: number;
  /** Which status to go to when an action has several targets (`resume`). */
  to?: CaseStatus;
}

const key = (from: CaseStatus, action: CaseAction) => `${from}|${action}`;
const byFromAction = new Map<string, Transition[]>();
for (const t of TRANSITIONS) {
  const k = key(t.from, t.action);
  byFromAction.set(k, [...(byFromAction.get(k) ?? []), t]);
}
const rowsFor = (from: CaseStatus, action: CaseAction) => byFromAction.get(key(from, action)) ?? [];

export const canTransition = (current: CaseStatus, action: CaseAction, role: ActorRole): boolean =>
  rowsFor(current, action).some((t) => t.roles.includes(role));

/** Actions this role may take on a case in this status, in the table's order. */
export const allowedActions = (current: CaseStatus, role: ActorRole): CaseAction[] =>
  CASE_ACTIONS.filter((a) => canTransition(current, a, role));

/** Where an action may lead from a status (several for `resume`, `recall`, `sync-accepted`). */
export const targetsOf = (current: CaseStatus, action: CaseAction): CaseStatus[] =>
  rowsFor(current, action).map((t) => t.to);

function pickRow(current: CaseStatus, action: CaseAction, role: ActorRole, ctx: TransitionContext): Transition {
  const fail = (problem: ConstructorParameters<typeof IllegalTransitionError>[3]) =>
    new IllegalTransitionError(current, action, role, problem);
  let rows = rowsFor(current, action);
  if (rows.length === 0) throw fail('no-such-transition');
  rows = rows.filter((t) => t.roles.includes(role));
  if (rows.length === 0) throw fail('role-not-allowed');
  if (rows.some((t) => t.guard)) {
    if (ctx.revision === undefined) throw fail('revision-required');
    const guard = ctx.revision > 1 ? 'resubmission' : 'first-submission';
    rows = rows.filter((t) => !t.guard || t.guard === guard);
  }
  if (ctx.to !== undefined) rows = rows.filter((t) => t.to === ctx.to);
  else if (rows.length > 1) throw fail('target-required');
  const row = rows[0];
  if (!row) throw fail('no-such-transition');
  if (row.requiresDetail && !ctx.detail?.trim()) throw fail('detail-required');
  return row;
}

/** Applies `action` or throws `IllegalTransitionError`; never mutates anything. */
export function transition(
  current: CaseStatus,
  action: CaseAction,
  actor: Actor,
  ctx: TransitionContext,
): { status: CaseStatus; event: AuditEvent } {
  const row = pickRow(current, action, actor.role, ctx);
  const event: AuditEvent = {
    id: ctx.eventId,
    entity: 'case',
    entityId: ctx.caseId,
    caseId: ctx.caseId,
    action,
    from: current,
    to: row.to,
    actor,
    at: ctx.at,
    ...(ctx.deviceId !== undefined && { deviceId: ctx.deviceId }),
    ...(ctx.detail !== undefined && { detail: ctx.detail }),
  };
  return { status: row.to, event };
}

const EDITABLE: ReadonlySet<CaseStatus> = new Set(['draft', 'ready', 'queued', 'returned']);
/** The agent may still change fields and materials (a queued case is recalled first by the UI). */
export const isEditableByAgent = (status: CaseStatus) => EDITABLE.has(status);

/** Only an archived case has no way out: rated, terminated, refused and withdrawn ones are still archived. */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['archived'];
export const isTerminal = (status: CaseStatus) => TERMINAL_STATUSES.includes(status);
