import { describe, expect, it } from 'vitest';
import {
  ACTOR_ROLES,
  CASE_ACTIONS,
  IllegalTransitionError,
  STATUS_LABELS,
  TERMINAL_STATUSES,
  TRANSITIONS,
  allowedActions,
  canTransition,
  isEditableByAgent,
  isTerminal,
  targetsOf,
  transition,
  type ActorRole,
  type CaseAction,
  type TransitionContext,
} from '../../../src/domain/state-machine';
import { AuditEvent } from '../../../src/domain/schemas/audit';
import { CASE_STATUSES, type CaseStatus } from '../../../src/domain/schemas/case';

// The intended life cycle written out independently of the table: "from action role → to [revision|to]".
const EXPECTED = `
draft precheck-pass system → ready
ready edit agent → draft
ready edit system → draft
ready submit agent → queued
queued recall agent → draft @1
queued recall agent → returned @2
queued sync-accepted system → submitted @1
queued sync-accepted system → resubmitted @2
submitted open-review reviewer → in_review
resubmitted open-review reviewer → in_review
submitted return reviewer → returned
resubmitted return reviewer → returned
in_review return reviewer → returned
submitted accept reviewer → accepted
resubmitted accept reviewer → accepted
in_review accept reviewer → accepted
submitted accept-with-tolerance reviewer → accepted_tolerance
resubmitted accept-with-tolerance reviewer → accepted_tolerance
in_review accept-with-tolerance reviewer → accepted_tolerance
returned resubmit agent → queued
accepted_tolerance confirm-supplied reviewer → accepted
in_review suspend reviewer → suspended !
accepted suspend reviewer → suspended !
accepted_tolerance suspend reviewer → suspended !
suspended resume reviewer → in_review
suspended resume reviewer → accepted
suspended resume reviewer → accepted_tolerance
accepted complete reviewer → completed
completed deliver reviewer → delivered
completed deliver agent → delivered
completed rate agent → rated
delivered rate agent → rated
followed_up rate agent → rated
delivered follow-up reviewer → followed_up
rated follow-up reviewer → followed_up
submitted refuse reviewer → refused !
resubmitted refuse reviewer → refused !
in_review refuse reviewer → refused !
returned close-returned reviewer → terminated !
accepted_tolerance expire-tolerance system → terminated !
rated archive reviewer → archived
followed_up archive reviewer → archived
refused archive reviewer → archived
terminated archive reviewer → archived
withdrawn archive reviewer → archived
in_review terminate reviewer → terminated !
accepted terminate reviewer → terminated !
accepted_tolerance terminate reviewer → terminated !
suspended terminate reviewer → terminated !
draft withdraw agent → withdrawn
ready withdraw agent → withdrawn
queued withdraw agent → withdrawn
submitted withdraw agent → withdrawn
returned withdraw agent → withdrawn
`
  .trim()
  .split('\n')
  .map((line) => {
    const [left, right] = line.split(' → ') as [string, string];
    const [from, action, role] = left.split(' ') as [CaseStatus, CaseAction, ActorRole];
    const [to, mark] = right.split(' ') as [CaseStatus, string | undefined];
    return {
      from,
      action,
      role,
      to,
      revision: mark?.startsWith('@') ? Number(mark.slice(1)) : undefined,
      needsDetail: mark === '!',
    };
  });

const actorFor = (role: ActorRole) => ({ role, id: `${role}-1` });
const ctxBase: TransitionContext = {
  caseId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
  at: 1_750_000_000_000,
  eventId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c',
  deviceId: 'tablet-7',
};

describe('transition table', () => {
  it('matches the intended life cycle exactly', () => {
    const fromTable = TRANSITIONS.flatMap((t) =>
      t.roles.map((role) => `${t.from} ${t.action} ${role} → ${t.to}`),
    ).sort();
    const intended = EXPECTED.map((e) => `${e.from} ${e.action} ${e.role} → ${e.to}`).sort();
    expect(fromTable).toEqual(intended);
  });

  it('gives every status a Chinese label', () => {
    for (const s of CASE_STATUSES) expect(STATUS_LABELS[s]).toMatch(/\p{Script=Han}/u);
    expect(STATUS_LABELS.accepted_tolerance).toBe('容缺受理');
    expect(STATUS_LABELS.completed).toBe('办结');
    expect(STATUS_LABELS.refused).toBe('不予受理');
    expect(STATUS_LABELS.terminated).toBe('终止');
    expect(STATUS_LABELS.followed_up).toBe('已回访');
    expect(STATUS_LABELS.archived).toBe('已归档');
  });

  it('leaves terminal statuses with no way out and every other status with one', () => {
    for (const s of CASE_STATUSES) {
      const out = TRANSITIONS.some((t) => t.from === s);
      expect(isTerminal(s)).toBe(!out);
    }
    expect([...TERMINAL_STATUSES].sort()).toEqual(['archived']);
  });

  it('reaches every status from draft', () => {
    const seen = new Set<CaseStatus>(['draft']);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of TRANSITIONS)
        if (seen.has(t.from) && !seen.has(t.to)) {
          seen.add(t.to);
          grew = true;
        }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });
});

describe('every (status, action, role) triple', () => {
  for (const from of CASE_STATUSES) {
    for (const action of CASE_ACTIONS) {
      for (const role of ACTOR_ROLES) {
        const allowed = EXPECTED.filter((e) => e.from === from && e.action === action && e.role === role);
        if (allowed.length === 0) {
          it(`${from} ✗ ${action} by ${role}`, () => {
            expect(canTransition(from, action, role)).toBe(false);
            expect(allowedActions(from, role)).not.toContain(action);
            const run = () =>
              transition(from, action, actorFor(role), { ...ctxBase, revision: 1, detail: '原因', to: 'accepted' });
            expect(run).toThrow(IllegalTransitionError);
            try {
              run();
            } catch (e) {
              const err = e as IllegalTransitionError;
              expect(err.code).toBe('case.illegal_transition');
              expect([err.from, err.action, err.role]).toEqual([from, action, role]);
              expect(err.message).toMatch(/\p{Script=Han}/u);
              const anyRole = EXPECTED.some((x) => x.from === from && x.action === action);
              expect(err.problem).toBe(anyRole ? 'role-not-allowed' : 'no-such-transition');
            }
          });
          continue;
        }
        for (const e of allowed) {
          it(`${from} → ${e.to} on ${action} by ${role}`, () => {
            expect(canTransition(from, action, role)).toBe(true);
            expect(allowedActions(from, role)).toContain(action);
            const ctx: TransitionContext = {
              ...ctxBase,
              ...(e.revision !== undefined && { revision: e.revision }),
              ...(allowed.length > 1 && e.revision === undefined && { to: e.to }),
              ...(e.needsDetail && { detail: '承诺期限内未补齐材料' }),
            };
            const actor = actorFor(role);
            const { status, event } = transition(from, action, actor, ctx);
            expect(status).toBe(e.to);
            expect(event).toEqual({
              id: ctxBase.eventId,
              entity: 'case',
              entityId: ctxBase.caseId,
              caseId: ctxBase.caseId,
              action,
              from,
              to: e.to,
              actor,
              at: ctxBase.at,
              deviceId: 'tablet-7',
              ...(e.needsDetail && { detail: '承诺期限内未补齐材料' }),
            });
            expect(AuditEvent.parse(event)).toEqual(event);
          });
        }
      }
    }
  }
});

describe('context requirements', () => {
  const agent = actorFor('agent'),
    reviewer = actorFor('reviewer'),
    system = actorFor('system');
  const problem = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as IllegalTransitionError).problem;
    }
    return 'none';
  };

  it('needs the revision to tell a first submission from a resubmission', () => {
    expect(problem(() => transition('queued', 'sync-accepted', system, ctxBase))).toBe('revision-required');
    expect(problem(() => transition('queued', 'recall', agent, ctxBase))).toBe('revision-required');
    expect(transition('queued', 'sync-accepted', system, { ...ctxBase, revision: 3 }).status).toBe('resubmitted');
    expect(transition('queued', 'sync-accepted', system, { ...ctxBase, revision: 0 }).status).toBe('submitted');
  });

  it('needs a target to resume, and refuses a target the table does not have', () => {
    expect(problem(() => transition('suspended', 'resume', reviewer, ctxBase))).toBe('target-required');
    expect(problem(() => transition('suspended', 'resume', reviewer, { ...ctxBase, to: 'completed' }))).toBe(
      'no-such-transition',
    );
    expect(problem(() => transition('ready', 'submit', agent, { ...ctxBase, to: 'submitted' }))).toBe(
      'no-such-transition',
    );
    expect(targetsOf('suspended', 'resume')).toEqual(['in_review', 'accepted', 'accepted_tolerance']);
  });

  it('needs a written reason to suspend or terminate', () => {
    expect(problem(() => transition('accepted_tolerance', 'terminate', reviewer, ctxBase))).toBe('detail-required');
    expect(problem(() => transition('accepted', 'suspend', reviewer, { ...ctxBase, detail: '   ' }))).toBe(
      'detail-required',
    );
    const err = (() => {
      try {
        transition('accepted', 'terminate', reviewer, ctxBase);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toBe('“终止”必须写明原因');
  });

  it('needs a written reason to refuse, to close a returned case and to expire a tolerance promise', () => {
    expect(problem(() => transition('submitted', 'refuse', reviewer, ctxBase))).toBe('detail-required');
    expect(problem(() => transition('returned', 'close-returned', reviewer, ctxBase))).toBe('detail-required');
    expect(problem(() => transition('accepted_tolerance', 'expire-tolerance', system, ctxBase))).toBe(
      'detail-required',
    );
    // 不予受理 is a decision on an application, not on an accepted case: that is 终止.
    expect(problem(() => transition('accepted', 'refuse', reviewer, { ...ctxBase, detail: '不符合条件' }))).toBe(
      'no-such-transition',
    );
    expect(
      problem(() => transition('accepted_tolerance', 'expire-tolerance', reviewer, { ...ctxBase, detail: 'x' })),
    ).toBe('role-not-allowed');
    expect(problem(() => transition('delivered', 'archive', agent, ctxBase))).toBe('no-such-transition');
    expect(problem(() => transition('rated', 'archive', agent, ctxBase))).toBe('role-not-allowed');
  });

  it('omits optional event fields that were not given', () => {
    const { event } = transition('draft', 'precheck-pass', system, {
      caseId: ctxBase.caseId,
      at: 1,
      eventId: ctxBase.eventId,
    });
    expect(event).not.toHaveProperty('deviceId');
    expect(event).not.toHaveProperty('detail');
  });

  it('explains refusals in Chinese', () => {
    expect(() => transition('completed', 'complete', reviewer, ctxBase)).toThrow('“办结”状态的办件不能“办结”');
    expect(() => transition('submitted', 'accept', agent, ctxBase)).toThrow('代办员无权对“已提交”状态的办件执行“受理”');
  });
});

describe('helpers', () => {
  it('lists allowed actions per role', () => {
    expect(allowedActions('submitted', 'reviewer')).toEqual([
      'open-review',
      'return',
      'accept',
      'accept-with-tolerance',
      'refuse',
    ]);
    expect(allowedActions('submitted', 'agent')).toEqual(['withdraw']);
    expect(allowedActions('returned', 'reviewer')).toEqual(['close-returned']);
    expect(allowedActions('accepted_tolerance', 'reviewer')).not.toContain('expire-tolerance');
    expect(allowedActions('accepted_tolerance', 'system')).toEqual(['expire-tolerance']);
    expect(allowedActions('delivered', 'reviewer')).toEqual(['follow-up']);
    expect(allowedActions('delivered', 'agent')).toEqual(['rate']);
    expect(allowedActions('archived', 'reviewer')).toEqual([]);
    expect(allowedActions('completed', 'agent')).toEqual(['deliver', 'rate']);
    for (const s of CASE_STATUSES) expect(allowedActions(s, 'admin')).toEqual([]);
  });

  it('lets the agent edit only before the township has the case', () => {
    const editable = CASE_STATUSES.filter(isEditableByAgent);
    expect(editable).toEqual(['draft', 'ready', 'queued', 'returned']);
  });
});
