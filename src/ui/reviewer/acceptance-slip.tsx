// 受理单 (acceptance slip), printed on A4 and handed to the villager through the agent: what was
// accepted, when, by whom, and by when the result is promised (in the item's unit). An accepted-with-
// tolerance case lists each missing material with its due date and the consequence (容缺受理通知).
export interface SlipData {
  caseNumber: string;
  applicantName: string;
  applicantIdNumber: string;
  itemName: string;
  agency: string;
  townshipName: string;
  reviewerName: string;
  acceptedOn: string;
  /** The promised limit with its unit: 20 个工作日, 30 个自然日, 即办. */
  promisedLimit: string;
  dueOn: string;
  materials: { name: string; pages: number }[];
  tolerance: { name: string; dueBy: string }[];
}

/** 440524188001010014 → 4405**********0014: enough to check, not enough to misuse. */
export const maskIdNumber = (id: string) =>
  id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;

export function AcceptanceSlip({ data, onPrint }: { data: SlipData; onPrint?: () => void }) {
  return (
    <article class="slip" aria-label="受理单">
      <h1 class="slip__title">
        {data.townshipName}便民服务中心
        <br />
        {data.tolerance.length ? '容缺受理通知书' : '受理通知书（受理单）'}
      </h1>
      <p class="slip__number">编号：{data.caseNumber}</p>
      <table class="slip__table">
        <tbody>
          <tr>
            <th>申请人</th>
            <td>{data.applicantName}</td>
            <th>身份证号</th>
            <td>{maskIdNumber(data.applicantIdNumber)}</td>
          </tr>
          <tr>
            <th>办理事项</th>
            <td colSpan={3}>{data.itemName}</td>
          </tr>
          <tr>
            <th>实施机构</th>
            <td colSpan={3}>{data.agency}</td>
          </tr>
          <tr>
            <th>受理日期</th>
            <td>{data.acceptedOn}</td>
            <th>承诺时限</th>
            <td>
              {data.promisedLimit}（{data.dueOn} 前办结）
            </td>
          </tr>
        </tbody>
      </table>
      <h2>已收材料</h2>
      <ol class="slip__list">
        {data.materials.map((m) => (
          <li key={m.name}>
            {m.name}
            {m.pages ? `（${m.pages} 页）` : ''}
          </li>
        ))}
      </ol>
      {data.tolerance.length > 0 && (
        <>
          <h2>容缺材料（请在期限内补齐）</h2>
          <ol class="slip__list">
            {data.tolerance.map((t) => (
              <li key={t.name}>
                {t.name}：{t.dueBy} 前补齐
              </li>
            ))}
          </ol>
          <p>逾期未补齐的，本申请将予以终止，已受理的材料退回申请人。</p>
        </>
      )}
      <p>您的申请材料已由我中心受理，将在承诺时限内办结。办理结果可通过村代办员查询。</p>
      <div class="slip__sign">
        <span>受理人：{data.reviewerName}</span>
        <span>（盖章）</span>
        <span>{data.acceptedOn}</span>
      </div>
      {onPrint && (
        <button type="button" class="btn btn--primary no-print" onClick={onPrint}>
          打印受理单
        </button>
      )}
    </article>
  );
}
