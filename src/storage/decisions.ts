// Township decisions and rectifications, as pulled from the server (read-only on the device).
import { Decision, Rectification } from '../domain';
import { getDb } from './connection';
import { parseRows } from './validate';

/** A case's decisions, oldest first. */
export async function listDecisions(caseId: string): Promise<Decision[]> {
  const rows = await getDb().decisions.where('caseId').equals(caseId).sortBy('decidedAt');
  return parseRows(Decision, rows, 'decisions');
}

export async function listRectifications(caseId: string): Promise<Rectification[]> {
  return parseRows(
    Rectification,
    await getDb().rectifications.where('caseId').equals(caseId).toArray(),
    'rectifications',
  );
}
