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
  // Online, but the township server does not answer: not "在线" (nothing would sync).
  const net = !online ? 'off' : state.sync.unreachable.value ? 'warn' : 'on';
  const skip = () => document.getElementById('main')?.focus();
  return (
    <>
      <button type="button" class="skip-link no-print" onClick={skip}>
        跳到主要内容
      </button>
      <header class="shell-header no-print">
        <span class="shell-header__brand">
          {/* Inline, not <img src=icon.svg>: an SVG image is a document of its own to load and lay out. */}
          <svg viewBox="0 0 512 512" width={32} height={32} aria-hidden="true">
            <rect width="512" height="512" rx="96" fill="#0b4f9c" />
            <path
              d="M136 250l80 80 160-170"
              fill="none"
              stroke="#fff"
              stroke-width="48"
              stroke-linecap="round"
              stroke-linejoin="round"
            />
          </svg>
          代办通
        </span>
        <span class={`net net--${net}`} role="status" aria-live="polite">
          {net === 'on' ? '● 在线' : net === 'warn' ? '● 连不上乡镇服务器' : '○ 离线：数据先存在本机'}
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
