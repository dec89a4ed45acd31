// 证件识别 in settings: the download size first, then a button to download the recogniser into
// this device, its progress, its state, and a way to remove it. The recogniser's code is loaded
// only from here and the person form, never with the first screen.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Banner } from '../../components/banner';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ProgressBar } from '../../components/progress-bar';
import { formatBytes } from '../../format';

type View =
  | { state: 'checking' }
  | { state: 'off' | 'ready'; bytes: number }
  | { state: 'installing'; bytes: number; fraction: number | undefined };

const loadOcr = () => import('../../../ocr');
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function OcrSection() {
  const view = useSignal<View>({ state: 'checking' });
  const error = useSignal<string | null>(null);
  const confirming = useSignal(false);

  const refresh = async () => {
    try {
      const s = await (await loadOcr()).ocrStatus();
      view.value =
        s.state === 'installing'
          ? { state: 'installing', bytes: s.bytes, fraction: undefined }
          : { state: s.state, bytes: s.bytes };
    } catch (e) {
      error.value = `无法读取证件识别状态：${message(e)}`;
    }
  };
  useEffect(() => {
    void refresh();
  }, []);

  const install = async () => {
    const bytes = 'bytes' in view.value ? view.value.bytes : 0;
    error.value = null;
    view.value = { state: 'installing', bytes, fraction: 0 };
    try {
      await (
        await loadOcr()
      ).installOcr((fraction) => {
        if (view.value.state === 'installing') view.value = { state: 'installing', bytes, fraction };
      });
    } catch (e) {
      error.value = message(e);
    }
    await refresh();
  };

  const remove = async () => {
    confirming.value = false;
    error.value = null;
    try {
      await (await loadOcr()).removeOcr();
    } catch (e) {
      error.value = message(e);
    }
    await refresh();
  };

  const v = view.value;
  return (
    <div class="card stack" role="region" aria-labelledby="ocr-title">
      <h2 id="ocr-title">证件识别</h2>
      <p class="muted">
        拍身份证时，自动读出姓名、身份证号、住址和有效期限，由您核对后填入档案。识别在本机进行，照片不会上传。
      </p>
      {v.state === 'checking' && <p aria-busy="true">正在检查……</p>}
      {v.state === 'off' && (
        <>
          <p>
            需要先下载识别模型，大小约 <strong>{formatBytes(v.bytes)}</strong>
            。只下载一次，之后不联网也能识别。建议在有无线网络时下载。
          </p>
          <Button variant="primary" onClick={() => void install()}>
            开启证件识别（下载 {formatBytes(v.bytes)}）
          </Button>
        </>
      )}
      {v.state === 'installing' && <ProgressBar label="正在下载识别模型" value={v.fraction} />}
      {v.state === 'ready' && (
        <>
          <p>
            <strong class="ok-text">已开启，已可离线识别</strong>（占用本机空间 {formatBytes(v.bytes)}）
          </p>
          <Button variant="danger" onClick={() => (confirming.value = true)}>
            移除证件识别
          </Button>
        </>
      )}
      {error.value && <Banner tone="danger">{error.value}</Banner>}
      <ConfirmDialog
        open={confirming.value}
        title="确定移除证件识别吗？"
        confirmLabel="确定移除"
        danger
        onCancel={() => (confirming.value = false)}
        onConfirm={() => void remove()}
      >
        <p>移除后拍身份证不再自动识别，可以释放 {'bytes' in v ? formatBytes(v.bytes) : ''} 空间。以后可以重新下载。</p>
      </ConfirmDialog>
    </div>
  );
}
