import { useEffect, useState } from 'preact/hooks';
import { buildNotice, openCase } from '../../../state';
import { useAppState } from '../../app/context';
import { PrintSheet } from '../../components/print-sheet';
import { Banner } from '../../components/banner';
import { Button } from '../../components/button';
import { noticeDoc, noticeSpeech, type NoticeDoc } from './notice-doc';
import { speak, stopSpeaking, useMandarinVoice } from './speech';
import './notice.css';

/**
 * 一次性告知单: everything the villager still has to bring, and why, listed once. Flowing text on
 * screens (read on a phone, shown full-screen, saved as an image for WeChat, read aloud); A4 in print.
 */
export function NoticeScreen({ id }: { id: string }) {
  const state = useAppState();
  const wb = state.workbench;
  useEffect(() => {
    if (wb.record.value?.id !== id) void openCase(state, id);
  }, [id]);
  const c = wb.record.value,
    item = wb.item.value,
    report = wb.report.value,
    applicant = wb.applicant.value;
  if (!c || c.id !== id || !item || !report || !applicant) {
    return wb.error.value ? <Banner tone="danger">{wb.error.value}</Banner> : <p aria-busy="true">正在生成告知单……</p>;
  }
  const user = state.user.value;
  const doc = noticeDoc({
    item,
    c,
    notice: buildNotice(item, c, report),
    applicantName: applicant.name,
    agentName: user?.name ?? '',
    villageName: user?.villageName,
    today: state.today.value,
  });
  return <NoticeSheet doc={doc} backHref={`#/cases/${id}`} />;
}

type Full = 'api' | 'overlay' | null;

function NoticeSheet({ doc, backHref }: { doc: NoticeDoc; backHref: string }) {
  const [full, setFull] = useState<Full>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const voice = useMandarinVoice();

  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setFull((f) => (f === 'api' ? null : f));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setFull((f) => (f === 'overlay' ? null : f));
    };
    document.addEventListener('fullscreenchange', onChange);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  const enterFull = async () => {
    const el = document.querySelector<HTMLElement>('article.notice');
    if (el && document.fullscreenEnabled && typeof el.requestFullscreen === 'function') {
      try {
        await el.requestFullscreen();
        setFull('api');
        return;
      } catch {
        // Refused (iOS Safari on a phone has no element fullscreen): cover the viewport instead.
      }
    }
    setFull('overlay');
  };
  const exitFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    setFull(null);
  };
  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const { saveNoticeImage } = await import('./notice-image');
      await saveNoticeImage(doc);
    } catch (e) {
      setSaveError(`图片没有保存成功：${(e as Error).message}。可以改用打印或全屏显示给群众拍照。`);
    } finally {
      setSaving(false);
    }
  };
  const read = () => {
    if (!voice) return;
    setReading(true);
    speak(noticeSpeech(doc), voice, () => setReading(false));
  };
  const stop = () => {
    stopSpeaking();
    setReading(false);
  };

  const actions = (
    <>
      <Button onClick={() => void enterFull()}>全屏显示</Button>
      <Button onClick={() => void save()} disabled={saving} aria-busy={saving}>
        {saving ? '正在生成图片……' : '保存为图片'}
      </Button>
      {voice &&
        (reading ? (
          <Button variant="primary" onClick={stop}>
            停止
          </Button>
        ) : (
          <Button onClick={read}>朗读</Button>
        ))}
    </>
  );

  return (
    <>
      {saveError && <Banner tone="danger">{saveError}</Banner>}
      <PrintSheet
        title="一次性告知单"
        backHref={backHref}
        className={`notice${full ? ' notice--full' : ''}${full === 'overlay' ? ' notice--overlay' : ''}`}
        actions={actions}
      >
        {full && (
          <div class="no-print notice__exit">
            <Button variant="primary" onClick={exitFull}>
              退出全屏
            </Button>
          </div>
        )}
        <h1>{doc.title}</h1>
        <p class="sheet__sub">编号：{doc.number}</p>
        <dl class="notice__meta">
          {doc.meta.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <p class="notice__intro" data-testid={doc.items.length ? undefined : 'notice-complete'}>
          <strong>{doc.intro}</strong>
        </p>
        {doc.items.length > 0 && (
          <ol class="notice__items" data-testid="notice-table">
            {doc.items.map((it) => (
              <li key={it.what}>
                <h2 class="notice__what">{it.what}</h2>
                {it.reasons.length > 0 && <p class="notice__why">{it.reasons.join('；')}</p>}
                <p class="notice__ask">{it.ask}</p>
                {it.choices && (
                  <ol class="sheet__choices notice__choices" aria-label="以下任选一种">
                    {it.choices.map((text, j) => (
                      <li key={text}>
                        {j > 0 && <strong>或 </strong>}
                        {text}
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        )}
        {doc.where && (
          <p class="notice__where">
            <strong>{doc.where}</strong>
          </p>
        )}
        {doc.presence && (
          <p>
            <strong>{doc.presence}</strong>
          </p>
        )}
        <div class="sheet__sign notice__sign">
          <div>
            {doc.agent.map(([k, v]) => (
              <p key={k}>
                {k}：{v}
              </p>
            ))}
          </div>
          <div>
            <p>申请人（签收）：</p>
            <p style={{ borderBottom: '1px solid #000', height: '2em' }} />
            <p>日期：　　　年　　月　　日</p>
          </div>
        </div>
        <p class="sheet__foot">{doc.foot}</p>
      </PrintSheet>
    </>
  );
}
