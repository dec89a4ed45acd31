// /install: how a tablet gets to the HTTPS address — install the township's CA certificate once
// (Android steps), then open the address (typed or scanned from the QR code). Plain HTML with its
// own style, large type, no script: it must open on any tablet browser, before anything is trusted.
import qrcode from 'qrcode-generator';

export interface InstallPageInput {
  /** HTTPS addresses a tablet can open (the one it reached us by first). */
  urls: string[];
  /** SHA-256 fingerprint of the CA certificate, or null when a real certificate is in use. */
  caFingerprint: string | null;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function qrSvg(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 6, margin: 2, scalable: true });
}

/** The page's own policy: no script at all, the inline style and the inline SVG only. */
export const INSTALL_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;font-size:20px;line-height:1.7;margin:0;padding:16px;color:#1a1a1a;background:#faf8f3}
main{max-width:760px;margin:0 auto}
h1{font-size:28px;margin:8px 0 16px}
h2{font-size:24px;margin:24px 0 8px}
ol{padding-left:1.4em}li{margin:10px 0}
.button{display:inline-block;font-size:22px;padding:14px 24px;background:#0b57d0;color:#fff;border-radius:10px;text-decoration:none;margin:8px 0}
.address{font-size:24px;font-weight:bold;word-break:break-all}
.qr{width:240px;height:240px;display:block;margin:8px 0 24px}
.note{background:#fff4d6;border-left:6px solid #c98a00;padding:10px 14px;margin:16px 0}
code{font-size:16px;word-break:break-all}
`;

export function installPage({ urls, caFingerprint }: InstallPageInput): string {
  const addresses = urls
    .map(
      (url) =>
        `<p class="address">${escapeHtml(url)}</p><div class="qr" role="img" aria-label="二维码：${escapeHtml(url)}">${qrSvg(url)}</div>`,
    )
    .join('\n');
  const certificateSteps = caFingerprint
    ? `<h2>第一步：安装证书（每台平板只做一次）</h2>
<ol>
<li>点击下面的按钮，下载证书文件 <b>daiban-ca.crt</b>。<br><a class="button" href="/ca.crt" download="daiban-ca.crt">下载证书</a></li>
<li>打开平板的<b>“设置”</b> → <b>“安全”</b>（有的平板叫“安全和隐私”或“更多安全设置”）→ <b>“加密与凭据”</b> → <b>“安装证书”</b> → <b>“CA 证书”</b>。</li>
<li>出现“您的数据将不会是私密的”等提示时，点<b>“仍然安装”</b>，再选刚下载的 <b>daiban-ca.crt</b>。如果要求，输入平板的锁屏密码。</li>
<li>安装成功后，在“设置”的“用户凭据”或“受信任的凭据 → 用户”里能看到 <b>Daiban Local CA</b>。</li>
</ol>
<p class="note">只安装本乡镇服务器提供的证书。技术人员可核对证书指纹（SHA-256）：<br><code>${escapeHtml(caFingerprint)}</code></p>
<h2>第二步：打开加密地址</h2>`
    : `<p class="note">本服务器使用正式证书，平板<b>无需安装证书</b>，直接打开下面的地址即可。</p>
<h2>打开加密地址</h2>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>代办通：平板安装说明</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>代办通：平板第一次使用前的准备</h1>
<p>代办通必须通过<b>加密地址（以 https 开头）</b>打开，才能离线办件、校验照片。</p>
${certificateSteps}
<p>用平板的 <b>Chrome 浏览器</b>打开下面的地址，或用平板扫描二维码：</p>
${addresses}
<h2>最后：添加到桌面</h2>
<p>打开后点浏览器右上角菜单，选<b>“安装应用”</b>或<b>“添加到主屏幕”</b>。以后从桌面上的“代办通”图标打开。</p>
</main>
</body>
</html>
`;
}
