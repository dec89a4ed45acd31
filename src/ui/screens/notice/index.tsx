import { useEffect } from 'preact/hooks';
import { buildNotice, openCase } from '../../../state';
import { useAppState } from '../../app/context';
import { PrintSheet } from '../../components/print-sheet';
import { Banner } from '../../components/banner';
import { formatDateCn } from '../../format';

/** 一次性告知单 (printable A4): everything still missing or to fix and how, listed once. */
export function NoticeScreen({ id }: { id: string }) {
  const state = useAppState();
  const wb = state.workbench;
  useEffect(() => {
    if (wb.record.value?.id !== id) void openCase(state, id);
  }, [id]);
  const c = wb.record.value,
    item = wb.item.value,
    report = wb.report.value,
    applicant = wb.applicant.value;
  if (!c || c.id !== id || !item || !report || !applicant) {
    return wb.error.value ? <Banner tone="danger">{wb.error.value}</Banner> : <p aria-busy="true">正在生成告知单……</p>;
  }
  const notice = buildNotice(item, c, report);
  const user = state.user.value;
  const today = state.today.value;
  return (
    <PrintSheet title="一次性告知单" backHref={`#/cases/${id}`}>
      <h1>一次性告知单</h1>
      <p class="sheet__sub">编号：{c.number}</p>
      <dl class="sheet__meta">
        <dt>申请人</dt>
        <dd>{applicant.name}</dd>
        <dt>申请事项</dt>
        <dd>{item.name}</dd>
        <dt>实施机构</dt>
        <dd>{item.agency}</dd>
        <dt>承诺时限</dt>
        <dd>
          {item.promisedLimitDays === 0 ? '即办' : `${item.promisedLimitDays} 个工作日`}（法定 {item.legalLimitDays}{' '}
          个工作日），自材料齐全受理之日起计算
        </dd>
      </dl>
      {notice.complete ? (
        <p data-testid="notice-complete">
          <strong>经预审，您的申请材料已齐全、符合要求，无需补正。</strong>
        </p>
      ) : (
        <>
          <p>
            经预审，您申请的事项还需补齐或更正以下 <strong>{notice.lines.length}</strong>{' '}
            项内容。本单已一次性告知全部需补正的内容：
          </p>
          <table data-testid="notice-table">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">材料或内容</th>
                <th scope="col">存在问题</th>
                <th scope="col">补正要求</th>
              </tr>
            </thead>
            <tbody>
              {notice.lines.map((l, i) => (
                <tr key={l.what}>
                  <td>{i + 1}</td>
                  <td>{l.what}</td>
                  <td>
                    {l.problems.map((p) => (
                      <div key={p}>{p}</div>
                    ))}
                    {l.promisedBy && (
                      <div>
                        <strong>承诺于 {formatDateCn(l.promisedBy)} 前补交</strong>
                      </div>
                    )}
                  </td>
                  <td>
                    {l.choices ? (
                      <ol class="sheet__choices" aria-label="以下任选一种">
                        {l.choices.map((text, j) => (
                          <li key={text}>
                            {j > 0 && <strong>或 </strong>}
                            {text}
                          </li>
                        ))}
                      </ol>
                    ) : (
                      l.how
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {item.requiresPresence && (
        <p>
          <strong>注意：</strong>本事项须申请人本人到场办理。{item.presenceNote ?? ''}
        </p>
      )}
      <div class="sheet__sign">
        <div>
          <p>代办员：{user?.name ?? ''}</p>
          <p>村级代办服务点：{user?.villageName ? `${user.villageName}便民服务站` : c.villageCode}</p>
          <p>告知日期：{formatDateCn(today)}</p>
        </div>
        <div>
          <p>申请人（签收）：</p>
          <p style={{ borderBottom: '1px solid #000', height: '2em' }} />
          <p>日期：　　　年　　月　　日</p>
        </div>
      </div>
      <p class="sheet__foot">
        依据《中华人民共和国行政许可法》第三十二条，申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容。
      </p>
    </PrintSheet>
  );
}
