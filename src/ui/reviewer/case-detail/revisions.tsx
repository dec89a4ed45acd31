// Revision history: each submission, and what changed since the one before — the reviewer
// checks a resubmission against the reasons it was returned for, not the whole case again.
import type { ServiceItem } from '../../../domain/schemas/catalog';
import { REASON_LABELS, type Decision } from '../../../domain/schemas/decision';
import type { RevisionDiff } from '../../../state/reviewer/revision-diff';
import type { ReviewRevision } from '../../../domain/api';
import { reasonsByTarget } from '../../../state/reviewer/returned';
import { formatTime } from '../../format';

interface Props {
  revisions: ReviewRevision[];
  diff: RevisionDiff | null;
  lastReturn: Decision | undefined;
  item: ServiceItem | null;
}

const fieldLabel = (item: ServiceItem | null, key: string) => item?.fields.find((f) => f.key === key)?.label ?? key;
const materialName = (item: ServiceItem | null, id: string) => item?.materials.find((m) => m.id === id)?.name ?? id;

export function RevisionsSection({ revisions, diff, lastReturn, item }: Props) {
  return (
    <section class="card stack" aria-labelledby="sec-revisions">
      <h2 id="sec-revisions">提交记录与修改对比</h2>
      <ol class="revisions">
        {revisions.map((r) => (
          <li key={r.revision}>
            第 {r.revision} 次提交：{formatTime(r.submittedAt)}，材料 {r.materials.length} 份
          </li>
        ))}
      </ol>
      {diff && (
        <div class="diff" aria-label={`第 ${diff.from} 次与第 ${diff.to} 次提交的差异`}>
          <h3>
            第 {diff.to} 次提交相比第 {diff.from} 次的修改
          </h3>
          {lastReturn && (
            <div class="diff__asked">
              <strong>上次退回要求修改：</strong>
              <ul>
                {reasonsByTarget(lastReturn, item ?? undefined).map((g) => (
                  <li key={g.target}>
                    {g.label}：
                    {g.reasons.map((r) => REASON_LABELS[r.code] + (r.text ? `（${r.text}）` : '')).join('、')}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {diff.fields.length === 0 && diff.materials.length === 0 && <p class="muted">没有任何修改。</p>}
          {diff.fields.length > 0 && (
            <table class="diff__table">
              <thead>
                <tr>
                  <th>填写项</th>
                  <th>修改前</th>
                  <th>修改后</th>
                </tr>
              </thead>
              <tbody>
                {diff.fields.map((f) => (
                  <tr key={f.key}>
                    <td>{fieldLabel(item, f.key)}</td>
                    <td class="diff__old">{f.before ?? '（空）'}</td>
                    <td class="diff__new">{f.after ?? '（空）'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {diff.materials.length > 0 && (
            <ul class="diff__materials">
              {diff.materials.map((m) => (
                <li key={m.requirementId} data-changed-material={m.requirementId}>
                  <strong>{materialName(item, m.requirementId)}</strong>：
                  {m.kind === 'added' ? '新增材料' : m.kind === 'removed' ? '已删除' : '已修改'}
                  {m.pagesAdded.length > 0 && `，新增/替换 ${m.pagesAdded.length} 页`}
                  {m.pagesRemoved.length > 0 && `，移除 ${m.pagesRemoved.length} 页`}
                  {m.signatureChanged && '，重新签名'}
                  {m.dataChanged.map((d) => `，${d.key}：${d.before ?? '（空）'} → ${d.after ?? '（空）'}`).join('')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
