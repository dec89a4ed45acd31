// The public progress page as plain HTML: no script, large type, high contrast, one small
// stylesheet from this server (the CSP allows no inline style). Made for WeChat's built-in
// browser on an old phone. Every value is escaped.
import type { PublicCaseStatus } from '../../domain/api/lookup';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** 2026-03-02 → 2026年3月2日 */
const day = (iso: string | null) => {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export const LOOKUP_STYLESHEET_PATH = '/q/style.css';

export const LOOKUP_CSS = `
html{font-size:20px;-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:#000;font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;line-height:1.6}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:0 0 .75rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem;border-bottom:3px solid #000}
.status{font-size:1.5rem;font-weight:700;border:3px solid #000;padding:.75rem;margin:0 0 .5rem}
.status.done{background:#e6f4ea}.status.attention{background:#fff4d6}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem;margin:0}
dt{font-weight:700}dd{margin:0}
ul{padding-left:1.25rem}li{margin:.4rem 0}
.note{border-top:1px solid #000;margin-top:2rem;padding-top:.5rem;font-size:.9rem}
`.trim();

const DONE = new Set(['completed', 'delivered', 'rated', 'followed_up']);
const ATTENTION = new Set(['returned', 'accepted_tolerance', 'suspended']);

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${LOOKUP_STYLESHEET_PATH}">
</head>
<body>
<main>
${body}
<p class="note">如有疑问，请联系村代办员。为保护您的隐私，本页只显示姓名中的部分字，不显示身份证号、电话和住址。</p>
</main>
</body>
</html>
`;
}

export function statusPage(s: PublicCaseStatus): string {
  const rows: [string, string | null][] = [
    ['办件编号', s.number],
    ['申请事项', s.itemName],
    ['申请人', s.applicant],
    ['提交日期', day(s.submittedOn)],
    ['受理日期', day(s.acceptedOn)],
    ['承诺时限', s.promisedLimit],
    ['应办结日期', s.dueOn && `${day(s.dueOn)}${s.deadlineLabel ? `（${s.deadlineLabel}）` : ''}`],
    ['办结日期', day(s.completedOn)],
    ['最近更新', day(s.updatedOn)],
  ];
  const tone = DONE.has(s.status) ? ' done' : ATTENTION.has(s.status) ? ' attention' : '';
  const parts = [
    `<h1>办理进度查询</h1>`,
    `<p class="status${tone}" data-status="${esc(s.status)}">当前状态：${esc(s.statusLabel)}</p>`,
    `<p>${esc(s.statusText)}</p>`,
  ];
  if (s.returnReasons.length > 0)
    parts.push(
      `<h2>需要补正的内容</h2>`,
      `<ul>${s.returnReasons.map((r) => `<li>${esc(r.what)}：${esc(r.reason)}</li>`).join('')}</ul>`,
    );
  if (s.stillNeeded.length > 0)
    parts.push(
      `<h2>还需补齐的材料</h2>`,
      `<ul>${s.stillNeeded.map((m) => `<li>${esc(m.name)}${m.dueBy ? `，请在${day(m.dueBy)}前补齐` : ''}</li>`).join('')}</ul>`,
    );
  parts.push(
    `<h2>办件信息</h2>`,
    `<dl>${rows
      .filter((r): r is [string, string] => r[1] !== null)
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
      .join('')}</dl>`,
  );
  return shell(`办理进度 ${s.number}`, parts.join('\n'));
}

/** The one answer for an unknown number and a wrong token alike. */
export const NOT_FOUND_PAGE = shell(
  '没有找到办件',
  `<h1>没有找到这个办件</h1>
<p>请核对回执上的办件编号和查询码。扫码打开的链接如果仍然找不到，可能是材料还没有交到乡镇，请过一段时间再查，或联系村代办员。</p>`,
);

export const TOO_MANY_PAGE = shell('查询过于频繁', `<h1>查询过于频繁</h1><p>请过一分钟再试。</p>`);

export const ERROR_PAGE = shell('暂时无法查询', `<h1>暂时无法查询</h1><p>服务器出了问题，请稍后再试。</p>`);
