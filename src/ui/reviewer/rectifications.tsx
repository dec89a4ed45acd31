// 差评整改: every bad rating opens an item with a deadline; the township calls the villager back
// and closes it with what was said and done.
import { useState } from 'preact/hooks';
import { RatingFace } from '../rating/rating-face';
import { RATING_LEVELS } from '../../domain/schemas/decision';
import type { RectificationItem, RectificationsSlice } from '../../state/reviewer/rectifications';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { useRefresh } from './use-refresh';

const formatTime = (ms: number) => new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function CloseForm({ item, slice }: { item: RectificationItem; slice: RectificationsSlice }) {
  const [note, setNote] = useState('');
  const id = item.rectification.id;
  const busy = slice.closing.value === id;
  const error = slice.closeError.value?.id === id ? slice.closeError.value.message : '';
  return (
    <form
      class="stack rect__close"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim().length >= 2) void slice.close(id, note.trim());
      }}
    >
      <label class="stack">
        回访情况（电话或上门回访的结果、整改措施）
        <textarea
          value={note}
          rows={3}
          maxLength={1000}
          onInput={(e) => setNote(e.currentTarget.value)}
          aria-label="回访情况"
        />
      </label>
      {error && <Banner tone="danger">{error}（可直接再点“回访办结”重试）</Banner>}
      <div class="row">
        <Button type="submit" variant="primary" disabled={busy || note.trim().length < 2}>
          {busy ? '正在提交…' : '回访办结'}
        </Button>
      </div>
    </form>
  );
}

function Row({
  item,
  slice,
  villageName,
}: {
  item: RectificationItem;
  slice: RectificationsSlice;
  villageName: (c: string) => string;
}) {
  const r = item.rectification;
  const level = RATING_LEVELS.find((l) => l.level === item.rating?.level);
  const overdue = item.deadline?.overdue;
  return (
    <li class={`card rect${overdue ? ' rect--overdue' : ''}`} data-rectification={r.id} data-status={r.status}>
      <div class="row">
        <strong>{item.caseNumber}</strong>
        <span>{villageName(item.villageCode)}</span>
        {level && (
          <span class="rect__rating">
            <RatingFace level={level.level} size={24} /> {level.label}
          </span>
        )}
        <span class="muted">整改期限 {r.dueBy}</span>
        {r.status === 'open' ? (
          <span class={`deadline ${overdue ? 'deadline--overdue' : item.deadline?.dueSoon ? 'deadline--soon' : ''}`}>
            {item.deadline?.label}
          </span>
        ) : (
          <span class="rect__closed">已回访办结</span>
        )}
      </div>
      {item.rating?.comment && <p>群众意见：{item.rating.comment}</p>}
      {r.status === 'open' ? (
        <CloseForm item={item} slice={slice} />
      ) : (
        <p class="muted">
          回访情况：{r.callbackNote}
          {r.closedAt ? `（${formatTime(r.closedAt)}）` : ''}
        </p>
      )}
    </li>
  );
}

export function RectificationsScreen({
  slice,
  visit,
  villageName,
}: {
  slice: RectificationsSlice;
  visit: number;
  villageName: (code: string) => string;
}) {
  useRefresh(slice.load, visit);
  const data = slice.list.data.value;
  const open = data?.items.filter((i) => i.rectification.status === 'open') ?? [];
  const closed = data?.items.filter((i) => i.rectification.status === 'closed') ?? [];
  return (
    <section class="stack" aria-label="差评整改">
      <div class="row">
        <h1 style={{ margin: '0 auto 0 0' }}>差评整改</h1>
        <Button onClick={() => slice.load()} disabled={slice.list.loading.value}>
          刷新
        </Button>
      </div>
      {slice.list.error.value && (
        <Banner tone="danger">
          {slice.list.error.value} <Button onClick={() => slice.load()}>重试</Button>
        </Banner>
      )}
      {slice.list.loading.value && !data && <p class="muted">正在读取…</p>}
      {data && (
        <>
          <h2>待整改（{open.length}）</h2>
          {open.length === 0 ? (
            <p class="muted">没有待整改的差评。</p>
          ) : (
            <ul class="rect-list">
              {open.map((i) => (
                <Row key={i.rectification.id} item={i} slice={slice} villageName={villageName} />
              ))}
            </ul>
          )}
          <h2>已办结（{closed.length}）</h2>
          {closed.length > 0 && (
            <ul class="rect-list">
              {closed.map((i) => (
                <Row key={i.rectification.id} item={i} slice={slice} villageName={villageName} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
