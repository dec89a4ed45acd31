// The audit timeline: every state change of the case, who made it and when — with a warning when
// the server's hash chain over it does not verify, and the server's receipt time beside a
// tablet's clock when the two differ (offline work, or a tablet set to the wrong time).
import type { AuditCheck, RecordedAuditEvent } from '../../../domain/api/review';
import { ACTION_LABELS, ROLE_LABELS, STATUS_LABELS, type CaseAction } from '../../../domain/state-machine';
import type { CaseStatus } from '../../../domain/schemas/case';
import { Banner } from '../../components/banner';
import { formatTime } from '../../format';

const OTHER_ACTIONS: Record<string, string> = {
  'tolerance-supplied': '补交容缺材料',
  'rectification-opened': '差评整改立项',
  'rectification-close': '差评回访办结',
};

const PROBLEM_LABELS: Record<NonNullable<AuditCheck['problem']>, string> = {
  edited: '有记录被改动',
  deleted: '有记录被删除',
  reordered: '记录顺序被调换',
};

/** Device and server clocks further apart than this are both shown. */
const CLOCK_NOTE_MS = 10 * 60_000;

const actionLabel = (a: string) => ACTION_LABELS[a as CaseAction] ?? OTHER_ACTIONS[a] ?? a;
const statusLabel = (s: string | undefined) => (s ? (STATUS_LABELS[s as CaseStatus] ?? s) : '');

const clocksDiffer = (e: RecordedAuditEvent): e is RecordedAuditEvent & { serverAt: number } =>
  e.deviceId !== undefined && e.serverAt !== undefined && Math.abs(e.serverAt - e.at) > CLOCK_NOTE_MS;

export function TimelineSection({ audit, check }: { audit: RecordedAuditEvent[]; check: AuditCheck }) {
  return (
    <section class="card stack" aria-labelledby="sec-timeline">
      <h2 id="sec-timeline">办理过程</h2>
      {!check.ok && (
        <Banner tone="danger" class="timeline__tampered">
          此办件的操作记录校验未通过：记录可能被修改或删除
          {check.problem && `（${PROBLEM_LABELS[check.problem]}）`}。请勿据此作出决定，并联系县级管理员核查。
        </Banner>
      )}
      <ol class="timeline">
        {audit.map((e) => (
          <li key={e.id} class={e.id === check.eventId ? 'timeline__broken' : undefined}>
            <time>{formatTime(e.at)}</time>
            {clocksDiffer(e) && (
              <span class="timeline__server-time">
                （平板时间；服务器收到：<time>{formatTime(e.serverAt)}</time>）
              </span>
            )}
            <span class="timeline__who">{ROLE_LABELS[e.actor.role]}</span>
            <strong>{actionLabel(e.action)}</strong>
            {e.from && e.to && (
              <span class="muted">
                （{statusLabel(e.from)} → {statusLabel(e.to)}）
              </span>
            )}
            {e.detail && <div class="timeline__detail">{e.detail}</div>}
            {e.id === check.eventId && <div class="timeline__broken-note">⚠ 从这条记录起校验未通过</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
