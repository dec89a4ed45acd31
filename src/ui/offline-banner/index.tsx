import { useAppState } from '../app/context';
import { Banner } from '../components/banner';
import { Button } from '../components/button';

/**
 * Whether the tablet can already work without signal. Before the first download of the app's files
 * ends, a grid worker who walks out of coverage would find nothing: warn while it runs, say once
 * when it is done, and say how to recover if it broke off.
 */
export function OfflineBanner() {
  const state = useAppState();
  const readiness = state.offline.value;
  if (readiness === 'preparing')
    return (
      <div class="no-print shell-banner" data-testid="offline-banner">
        <Banner tone="warning">正在下载离线使用所需的文件，完成前请不要离开有信号的地方。</Banner>
      </div>
    );
  if (readiness === 'just-ready')
    return (
      <div class="no-print shell-banner" data-testid="offline-banner">
        <Banner tone="success">
          <span>已可离线使用：没有信号也能打开代办通、继续办件，有信号时自动同步。</span>
          <Button
            variant="ghost"
            onClick={() => {
              state.offline.value = 'ready';
            }}
          >
            知道了
          </Button>
        </Banner>
      </div>
    );
  if (readiness === 'failed')
    return (
      <div class="no-print shell-banner" data-testid="offline-banner">
        <Banner tone="warning">
          <span>离线文件没有下载完整，没有信号时可能打不开。请在信号好的地方刷新页面再试。</span>
          <Button variant="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        </Banner>
      </div>
    );
  return null;
}
