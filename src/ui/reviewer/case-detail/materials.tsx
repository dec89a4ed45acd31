// Each required material: its pages (zoomable, loaded from the server), signature, typed data,
// what the server's pre-check found, tolerance promise, and whether it changed since last time.
import { CalendarMark } from '../../components/calendar-mark';
import { Fragment } from 'preact';
import type { MaterialStatus, Report } from '../../../domain/rules';
import type { ServiceItem } from '../../../domain/schemas/catalog';
import type { Case, Material } from '../../../domain/schemas/case';
import type { BlobUrls } from '../../../state/reviewer/blob-urls';
import type { MaterialChange } from '../../../state/reviewer/revision-diff';
import { deadlineStatus } from '../../../domain/calendar';
import { formatTime } from '../../format';
import { ServerPhoto } from './server-photo';
import { alternativeRef, alternativesFromReport } from '../../../domain/rules/alternatives';

const STATUS_TEXT: Record<MaterialStatus, string> = {
  missing: '缺少',
  captured: '已采集',
  passes: '预审通过',
  warnings: '有提醒',
  errors: '有错误',
  tolerated: '容缺',
  'not-needed': '无需提供（已选另一种）',
};
const REQUIREMENT_TEXT = { required: '必交', optional: '选交', tolerable: '可容缺' } as const;

interface Props {
  item: ServiceItem | null;
  materials: Material[];
  report: Report | null;
  tolerance: Case['tolerance'];
  changes: Map<string, MaterialChange>;
  today: string;
  blobs: BlobUrls;
  onZoom: (url: string, title: string) => void;
}

function DueLabel({ due, today }: { due: string; today: string }) {
  const s = deadlineStatus(due, today);
  return (
    <span class={`deadline ${s.overdue ? 'deadline--overdue' : s.dueSoon ? 'deadline--soon' : ''}`}>
      （{s.label}）
      <CalendarMark from={today} to={due} />
    </span>
  );
}

/** 以下之一: which group of each alternative the applicant gave (or that none is complete). */
function Choices({ item, report }: { item: ServiceItem; report: Report | null }) {
  const view = report ? alternativesFromReport(item, report.materials) : undefined;
  return (
    <ul class="findings" aria-label="以下之一的材料">
      {item.alternatives.map((a) => {
        const complete = view?.states.find((s) => s.alternative.id === a.id)?.complete ?? [];
        const open = report?.findings.find((f) => f.target.type === 'case' && f.target.ref === alternativeRef(a.id));
        return (
          <li key={a.id} class={`finding ${open ? 'finding--error' : 'finding--info'}`} data-alternative={a.id}>
            <strong>{a.label}（以下之一）：</strong>
            {a.groups.map((g) => g.label).join(' 或 ')}
            {complete.length > 0
              ? `。已提供：${complete.map((i) => a.groups[i]?.label).join('、')}`
              : open
                ? `。${open.message}`
                : ''}
          </li>
        );
      })}
    </ul>
  );
}

export function MaterialsSection({ item, materials, report, tolerance, changes, today, blobs, onZoom }: Props) {
  const requirements =
    item?.materials ??
    [...new Set(materials.map((m) => m.requirementId))].map((id) => ({
      id,
      name: id,
      requirement: 'required' as const,
    }));
  return (
    <section class="card stack" aria-labelledby="sec-materials">
      <h2 id="sec-materials">申请材料</h2>
      {item && item.alternatives.length > 0 && <Choices item={item} report={report} />}
      {requirements.map((req) => {
        const rows = materials.filter((m) => m.requirementId === req.id);
        const pages = rows.flatMap((m) => m.pages);
        const state = report?.materials[req.id];
        const promise = tolerance.find((t) => t.requirementId === req.id);
        const change = changes.get(req.id);
        const data = Object.assign({}, ...rows.map((m) => m.data)) as Record<string, string>;
        return (
          <article
            key={req.id}
            class={`material${change ? ' material--changed' : ''}`}
            data-material={req.id}
            aria-label={req.name}
          >
            <header class="row">
              <h3 class="material__name">{req.name}</h3>
              <span class="tag">{REQUIREMENT_TEXT[req.requirement]}</span>
              {state && <span class={`tag tag--${state.status}`}>{STATUS_TEXT[state.status]}</span>}
              {change && (
                <span class="badge badge--changed">
                  本次修改{change.pagesAdded.length ? `：新增 ${change.pagesAdded.length} 页` : ''}
                </span>
              )}
            </header>
            {pages.length > 0 && (
              <div class="material__pages">
                {pages.map((p, i) => (
                  <figure key={p.sha256} class={change?.pagesAdded.includes(p.sha256) ? 'page page--new' : 'page'}>
                    <ServerPhoto
                      blobs={blobs}
                      sha256={p.sha256}
                      alt={`${req.name} 第 ${i + 1} 页`}
                      onOpen={(url) => onZoom(url, `${req.name} 第 ${i + 1} 页`)}
                    />
                    <figcaption>
                      第 {i + 1} 页{change?.pagesAdded.includes(p.sha256) ? '（新）' : ''}
                    </figcaption>
                  </figure>
                ))}
              </div>
            )}
            {rows
              .flatMap((m) => [...(m.signature ? [m.signature] : []), ...(m.signatures ?? [])])
              .map((s) => (
                <figure key={s.sha256} class="page">
                  <ServerPhoto
                    blobs={blobs}
                    sha256={s.sha256}
                    alt={`${req.name} ${s.signerName}签名`}
                    onOpen={(url) => onZoom(url, `${req.name} ${s.signerName}签名`)}
                  />
                  <figcaption>
                    {s.signerName} 签名于 {formatTime(s.signedAt)}
                  </figcaption>
                </figure>
              ))}
            {rows.some((m) => m.licenceRef) && (
              <p>
                电子证照：
                {rows
                  .map((m) => m.licenceRef)
                  .filter(Boolean)
                  .join('、')}
              </p>
            )}
            {Object.keys(data).length > 0 && (
              <dl class="material__data">
                {Object.entries(data).map(([k, v]) => {
                  const f = 'dataFields' in req ? req.dataFields.find((x) => x.key === k) : undefined;
                  return (
                    <Fragment key={k}>
                      <dt>{f?.label ?? k}</dt>
                      <dd>{f?.options?.find((o) => o.value === v)?.label ?? v}</dd>
                    </Fragment>
                  );
                })}
              </dl>
            )}
            {pages.length === 0 &&
              !rows.some((m) => m.signature || m.signatures?.length || m.licenceRef) &&
              !promise &&
              state?.status !== 'not-needed' && <p class="muted">未提交</p>}
            {promise && (
              <p class={promise.suppliedAt ? 'ok' : 'deadline--soon'}>
                容缺：承诺 {promise.promisedBy} 前补齐{promise.dueBy ? `，补齐期限 ${promise.dueBy}` : ''}
                {promise.suppliedAt ? `，已于 ${formatTime(promise.suppliedAt)} 补交` : '，尚未补交'}
                {!promise.suppliedAt && promise.dueBy && <DueLabel due={promise.dueBy} today={today} />}
              </p>
            )}
            {state && state.findings.length > 0 && (
              <ul class="findings">
                {state.findings.map((f) => (
                  <li key={f.key} class={`finding finding--${f.severity}`}>
                    {f.severity === 'error' ? '×' : '⚠'} {f.message}
                  </li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
    </section>
  );
}
