// The locked screen of a session the server ended (revoked, account disabled) while this device
// still holds work the server does not have: how many cases and why, and the ways forward —
// retry sending, export to a file for the township, and only after that, wipe.
import { useSignal } from '@preact/signals';
import { useAppState } from '../../app/context';
import { exportEndedSession, retryEndedSession, wipeEndedSession } from '../../../state/session-end';
import { errorMessage } from '../../../net';
import { Banner } from '../../components/banner';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function SessionEndedScreen() {
  const state = useAppState();
  const ended = state.sessionEnd.ended.value;
  const busy = state.sessionEnd.busy.value;
  const error = useSignal<string | null>(null);
  const confirming = useSignal(false);
  if (!ended) return null;

  const run = async (work: () => Promise<void>) => {
    error.value = null;
    try {
      await work();
    } catch (e) {
      error.value = errorMessage(e);
    }
  };

  return (
    <section class="stack" aria-labelledby="ended-title">
      <h1 id="ended-title">{ended.code === 'auth.disabled' ? '账号已停用' : '本设备的登录已被取消'}</h1>
      <Banner tone="danger">
        <p>
          <strong>
            还有 {ended.cases} 件办件没有送到乡镇服务器
            {ended.drafts > 0 ? `，另有 ${ended.drafts} 件草稿` : ''}。
          </strong>
          这些数据仍保存在本机，没有被删除。
        </p>
      </Banner>
      <div class="card stack">
        <h2>原因</h2>
        <p>{ended.reason}</p>
        <p>{ended.why}</p>
      </div>
      <div class="card stack">
        <h2>怎么办</h2>
        <p>1. 联网后点“重试发送”：乡镇服务器仍接受时，办件会送达，然后本机数据自动清除。</p>
        <Button variant="primary" block disabled={busy} onClick={() => void run(() => retryEndedSession(state))}>
          {busy ? '正在发送……' : '重试发送'}
        </Button>
        <p>2. 发送不了时，把未同步的办件导出到文件，交给乡镇审核员或县级管理员。</p>
        <Button
          block
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const { blob, fileName } = await exportEndedSession(state);
              download(blob, fileName);
            })
          }
        >
          导出到文件
        </Button>
        <p>3. 导出后，才能清除本机数据并退出。</p>
        <Button variant="danger" block disabled={busy || !ended.exported} onClick={() => (confirming.value = true)}>
          清除本机数据并退出
        </Button>
      </div>
      {error.value && <Banner tone="danger">{error.value}</Banner>}
      <ConfirmDialog
        open={confirming.value}
        title="确定清除本机数据吗？"
        confirmLabel="确定清除"
        danger
        onCancel={() => (confirming.value = false)}
        onConfirm={() => {
          confirming.value = false;
          void run(() => wipeEndedSession(state));
        }}
      >
        <p class="warn-text">
          请确认导出的文件已保存好。清除后，本机上这 {ended.cases + ended.drafts} 件办件只存在于导出的文件中。
        </p>
      </ConfirmDialog>
    </section>
  );
}
