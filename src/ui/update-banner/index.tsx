import { showToast } from '../../state/app-state';
import { useAppState } from '../app/context';
import { Banner } from '../components/banner';
import { Button } from '../components/button';

/**
 * Shown when a new version waits (applied only when the agent taps), and — more urgently — when
 * the township server no longer accepts this version: sync stops until the update, and the
 * unsent work stays on the device meanwhile.
 */
export function UpdateBanner() {
  const state = useAppState();
  const apply = state.updateReady.value;
  const required = state.sync.needsUpdate.value;
  const stuck = state.updateStuck.value;
  if (!apply && !required) return null;
  const pending = state.sync.pending.value ?? 0;
  return (
    <div class="no-print shell-banner" data-testid="update-banner">
      <Banner tone={required || stuck ? 'warning' : 'info'}>
        {required ? (
          <span>
            这个版本太旧，乡镇服务器已不再接受，同步已暂停。
            {pending > 0 ? `${pending} 条待同步的办件都保存在本机，` : ''}更新后会自动发送。
          </span>
        ) : stuck ? (
          <span>
            新版本还没能启用。请关闭代办通的所有页面（包括其他标签页和已安装的应用窗口），再重新打开；正在填写的内容已保存在本机。
          </span>
        ) : (
          <span>发现新版本。正在填写的内容已保存在本机。</span>
        )}
        {apply ? (
          <Button variant="primary" onClick={apply}>
            {required ? '立即更新' : stuck ? '再试一次' : '发现新版本，点击更新'}
          </Button>
        ) : (
          <Button
            variant="primary"
            onClick={() =>
              void state.deps
                .checkForUpdate?.()
                .catch(() => showToast(state, 'warning', '没能检查更新：连不上服务器。请在有信号时再试。'))
            }
          >
            检查更新
          </Button>
        )}
        {!required && (
          <Button
            variant="ghost"
            onClick={() => {
              state.updateReady.value = null;
            }}
          >
            稍后
          </Button>
        )}
      </Banner>
    </div>
  );
}
