import { useAppState } from '../app/context';
import { Banner } from '../components/banner';
import { Button } from '../components/button';

/** Shown when a new version waits; it is applied only when the agent taps. */
export function UpdateBanner() {
  const state = useAppState();
  const apply = state.updateReady.value;
  if (!apply) return null;
  return (
    <div class="no-print" style={{ padding: '8px 16px' }}>
      <Banner tone="info">
        <span>发现新版本。正在填写的内容已保存在本机。</span>
        <Button variant="primary" onClick={apply}>发现新版本，点击更新</Button>
        <Button variant="ghost" onClick={() => { state.updateReady.value = null; }}>稍后</Button>
      </Banner>
    </div>
  );
}
