// State changes go through the domain state machine; its audit events are stored as they come.
import { IllegalTransitionError, transition, type CaseAction } from '../../domain/state-machine';
import { uuidv7, type Actor, type AuditEvent, type CaseStatus } from '../../domain';
import { Rejected } from './rejected';

export interface Step {
  status: CaseStatus;
  event: AuditEvent;
}

export interface StepOptions {
  at: number;
  deviceId?: string;
  detail?: string;
  revision?: number;
  to?: CaseStatus;
}

/** transition(), with an illegal move turned into a Chinese rejection the agent can read. */
export function step(caseId: string, from: CaseStatus, action: CaseAction, actor: Actor, options: StepOptions): Step {
  try {
    return transition(from, action, actor, { caseId, eventId: uuidv7(options.at), ...options });
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw new Rejected(error.code, error.message);
    throw error;
  }
}

export const systemActor: Actor = { role: 'system', id: 'server' };
