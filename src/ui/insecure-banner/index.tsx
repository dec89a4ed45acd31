import { Banner } from '../components/banner';

/**
 * On plain http:// (any address but localhost) the browser withholds the service worker and
 * crypto.subtle: the app would fail later, offline or at the first photo. Say so at once, and
 * what to do. Tiny on purpose: it is part of the first screen's JavaScript budget.
 */
export function InsecureBanner() {
  if (window.isSecureContext) return null;
  return (
    <div class="no-print" style={{ padding: '8px 16px' }} data-testid="insecure-banner">
      <Banner tone="danger">
        <span>
          当前不是加密地址（https），<b>离线使用、拍照校验都不可用</b>。请打开<a href="/install">安装说明</a>
          ，按步骤在平板上安装证书，再改用 https 开头的地址。
        </span>
      </Banner>
    </div>
  );
}
