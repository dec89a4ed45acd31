import type { StorageEstimateInfo } from '../../../pwa/storage-quota';
import { LOW_SPACE_BYTES } from '../../../pwa/storage-quota';
import { formatBytes } from '../../format';
import { Banner } from '../../components/banner';

/** Storage use from navigator.storage.estimate(), and whether the browser may evict it. */
export function StorageMeter({
  info,
  persisted,
}: {
  info: StorageEstimateInfo | undefined;
  persisted: boolean | undefined;
}) {
  return (
    <div class="stack">
      {info ? (
        <>
          <p>
            已用 <strong>{formatBytes(info.usage)}</strong>，可用约 <strong>{formatBytes(info.free)}</strong>（总额度{' '}
            {formatBytes(info.quota)}）
          </p>
          <meter
            min={0}
            max={info.quota || 1}
            value={info.usage}
            high={Math.max(0, info.quota - LOW_SPACE_BYTES)}
            aria-label="存储空间使用情况"
            style={{ width: '100%', height: '24px' }}
          />
          {info.quota > 0 && info.free < LOW_SPACE_BYTES && (
            <Banner tone="warning">存储空间不足 50 MB，请先同步，再清理已办结的照片。</Banner>
          )}
        </>
      ) : (
        <p class="muted">这个浏览器不能显示存储用量。</p>
      )}
      <p>
        长期保存：
        {persisted === true ? (
          <strong class="ok-text">已开启（浏览器不会自动清除本机数据）</strong>
        ) : persisted === false ? (
          <strong class="warn-text">
            未开启（空间紧张时浏览器可能清除数据，请尽快同步；把应用“添加到主屏幕”后更容易获批）
          </strong>
        ) : (
          <span class="muted">未知</span>
        )}
      </p>
    </div>
  );
}
