// Cases on the server, shared by push (sync/) and the reviewer desk (review/): who may touch a
// case, the state machine's steps with their audit events, and the Rejected outcome.
export { caseScope, loadOwnCase, requireAgent, requireCurrentVersion } from './access';
export { step, systemActor } from './audit';
export { Rejected } from './rejected';
export { itemForCase, refuseIfWithdrawn } from './case-item';
