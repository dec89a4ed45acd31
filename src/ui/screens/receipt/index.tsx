import { useEffect, useState } from 'preact/hooks';
import { openCase } from '../../../state';
import { STATUS_LABELS } from '../../../domain/state-machine';
import { useAppState } from '../../app/context';
import { PrintSheet } from '../../components/print-sheet';
import { QrCode } from '../../components/qr-code';
import { Banner } from '../../components/banner';
import { formatDateCn, formatTime } from '../../format';
import { groupLookupToken, lookupUrl } from '../../../domain/lookup/link';
import { refreshLookupBase } from '../../../state/lookup-base';
import { CalendarMark } from '../../components/calendar-mark';
import { limitLabel } from '../../../domain/review/limit-label';

/**
 * 办件回执: the case number and a QR code drawn on the device (no network), for the villager to
 * keep. The QR code is the link to the public progress page (number + the case's lookup token);
 * the link and the token are printed under it for a phone without a scanner.
 */
export function ReceiptScreen({ id }: { id: string }) {
  const state = useAppState();
  const wb = state.workbench;
  const [base, setBase] = useState<string | null>(null);
  useEffect(() => {
    if (wb.record.value?.id !== id) void openCase(state, id);
  }, [id]);
  useEffect(() => {
    void refreshLookupBase(state).then(setBase);
  }, []);
  const c = wb.record.value,
    item = wb.item.value,
    applicant = wb.applicant.value;
  if (!c || c.id !== id || !item) {
    return wb.error.value ? <Banner tone="danger">{wb.error.value}</Banner> : <p aria-busy="true">正在生成回执……</p>;
  }
  return (
    <PrintSheet title="办件回执" backHref={`#/cases/${id}`}>
      <h1>代办事项回执</h1>
      <div style={{ display: 'flex', gap: '24px', alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <dl class="sheet__meta" style={{ flex: 1, gridTemplateColumns: 'max-content 1fr' }}>
          <dt>办件编号</dt>
          <dd data-testid="receipt-number">
            <strong>{c.number}</strong>
          </dd>
          <dt>申请事项</dt>
          <dd>{item.name}</dd>
          <dt>申请人</dt>
          <dd>{applicant?.name ?? ''}</dd>
          <dt>当前状态</dt>
          <dd>{STATUS_LABELS[c.status]}</dd>
          <dt>提交时间</dt>
          <dd>{c.submittedAt ? formatTime(c.submittedAt) : '尚未提交'}</dd>
          <dt>承诺时限</dt>
          <dd>
            {limitLabel(item)}
            {c.dueOn && `（${c.dueOn} 前办结）`}
            {c.dueOn && <CalendarMark from={c.acceptedOn} to={c.dueOn} />}
          </dd>
          <dt>代办员</dt>
          <dd>{state.user.value?.name ?? ''}</dd>
          <dt>日期</dt>
          <dd>{formatDateCn(state.today.value)}</dd>
        </dl>
        {c.lookupToken ? (
          base !== null && <LookupQr link={lookupUrl(base, c.number, c.lookupToken)} token={c.lookupToken} />
        ) : (
          // A case from before lookup tokens (not resubmitted since): its number only.
          <figure style={{ margin: 0, textAlign: 'center' }}>
            <QrCode text={c.number} label={`办件编号二维码：${c.number}`} size={180} />
            <figcaption>办件编号</figcaption>
          </figure>
        )}
      </div>
      <p class="sheet__foot">
        请妥善保管本回执，不要给他人：凭办件编号和查询码可以查看办理进度。补交材料时请出示办件编号。
      </p>
    </PrintSheet>
  );
}

function LookupQr({ link, token }: { link: string; token: string }) {
  return (
    <figure style={{ margin: 0, textAlign: 'center', maxWidth: '320px' }}>
      <QrCode text={link} label="办理进度查询二维码" size={180} />
      <figcaption>
        <strong>扫码查询办理进度</strong>
        <br />
        没有扫码的手机，可在浏览器输入：
        <br />
        <span data-testid="receipt-link" style={{ wordBreak: 'break-all' }}>
          {link}
        </span>
        <br />
        查询码：<strong data-testid="receipt-token">{groupLookupToken(token)}</strong>
      </figcaption>
    </figure>
  );
}
