import type { ComponentChildren } from 'preact';
import { useAppState } from '../app/context';
import { NavBar } from '../nav-bar';
import { UpdateBanner } from '../update-banner';
import { InsecureBanner } from '../insecure-banner';
import { OfflineBanner } from '../offline-banner';
import { Toast } from '../toast';
import './shell.css';

/** Header (brand, network state, user), update prompt, navigation, the screen, and toasts. */
export function Shell({ children }: { children: ComponentChildren }) {
  const state = useAppState();
  const user = state.user.value;
  const online = state.online.value;
  const skip = () => document.getElementById('main')?.focus();
  return (
    <>
      <button type="button" class="skip-link no-print" onClick={skip}>
        跳到主要内容
      </button>
      <header class="shell-header no-print">
        <span class="shell-header__brand">
          <img src="/icons/icon.svg" alt="" width={32} height={32} />
          代办通
        </span>
        <span class={`net net--${online ? 'on' : 'off'}`} role="status" aria-live="polite">
          {online ? '● 在线' : '○ 离线：数据先存在本机'}
        </span>
        {user && <span class="shell-header__user">{user.name}</span>}
      </header>
      <InsecureBanner />
      <UpdateBanner />
      <OfflineBanner />
      {user && <NavBar />}
      <main id="main" class="shell-main" tabIndex={-1}>
        {children}
      </main>
      <Toast />
    </>
  );
}
