// Applicant (and entruster) data, and the form fields as submitted; fields changed since the
// previous revision are marked.
import { Fragment } from 'preact';
import type { Person } from '../../../domain/schemas/person';
import type { ServiceItem } from '../../../domain/schemas/catalog';
import { SEX_LABELS } from '../../format';

function PersonRows({ p, title }: { p: Person; title: string }) {
  return (
    <div class="kv">
      <h3>{title}</h3>
      <dl>
        <dt>姓名</dt>
        <dd>{p.name}</dd>
        <dt>性别</dt>
        <dd>{SEX_LABELS[p.sex]}</dd>
        <dt>身份证号</dt>
        <dd class="mono">{p.idNumber}</dd>
        <dt>出生日期</dt>
        <dd>{p.birthDate}</dd>
        <dt>民族</dt>
        <dd>{p.ethnicity}</dd>
        {p.phone && (
          <>
            <dt>电话</dt>
            <dd class="mono">{p.phone}</dd>
          </>
        )}
        {p.address && (
          <>
            <dt>住址</dt>
            <dd>{p.address}</dd>
          </>
        )}
        {p.idCard && (
          <>
            <dt>身份证有效期</dt>
            <dd>
              {p.idCard.issuedOn} 至 {p.idCard.validUntil === 'long-term' ? '长期' : p.idCard.validUntil}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

interface Props {
  applicant: Person | null;
  entruster: Person | null;
  item: ServiceItem | null;
  fields: Record<string, string>;
  changedFields: Set<string>;
}

export function ApplicantSection({ applicant, entruster, item, fields, changedFields }: Props) {
  const labelled =
    item?.fields.map((f) => ({
      key: f.key,
      label: f.label,
      value: f.options?.find((o) => o.value === fields[f.key])?.label ?? fields[f.key] ?? '',
    })) ?? Object.entries(fields).map(([key, value]) => ({ key, label: key, value }));
  return (
    <section class="card stack" aria-labelledby="sec-applicant">
      <h2 id="sec-applicant">申请人信息</h2>
      <div class="grid-2">
        {applicant ? <PersonRows p={applicant} title="申请人" /> : <p class="muted">没有申请人档案</p>}
        {entruster && <PersonRows p={entruster} title="委托人" />}
      </div>
      {labelled.length > 0 && (
        <div class="kv">
          <h3>申请表填写内容</h3>
          <dl>
            {labelled.map((f) => (
              <Fragment key={f.key}>
                <dt>{f.label}</dt>
                <dd class={changedFields.has(f.key) ? 'changed' : ''}>
                  {f.value || <span class="muted">（未填）</span>}
                  {changedFields.has(f.key) && <span class="badge badge--changed">本次修改</span>}
                </dd>
              </Fragment>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
