// 节假日: the county admin enters a year's official arrangement (国务院办公厅 notice) by pasting
// its lines or by the form, sees the resulting calendar month by month, and saves it. Tablets
// and the reviewer desk receive it at their next sync.
import { useEffect, useMemo } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import {
  HolidayYearInput,
  monthGrid,
  parseNotice,
  type HolidayArrangement,
  type NoticeLineError,
} from '../../domain/calendar';
import type { ApiClient } from '../../net';
import { createHolidayState } from '../../state/admin/holidays';
import { formatTime } from '../format';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import './holidays.css';

interface Draft {
  year: number;
  source: string;
  holidays: { name: string; from: string; to: string }[];
  workingWeekends: { date: string; for: string }[];
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const emptyDraft = (year: number): Draft => ({
  year,
  source: `国务院办公厅关于${year}年部分节假日安排的通知`,
  holidays: [],
  workingWeekends: [],
});

function MonthPreview({ draft, month }: { draft: Draft; month: number }) {
  const weeks = monthGrid(draft, month);
  return (
    <table class="holiday-month" aria-label={`${draft.year}年${month}月`}>
      <caption>{month}月</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((d) => (
            <th key={d} scope="col">
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w, i) => (
          <tr key={i}>
            {w.map((d, j) =>
              d ? (
                <td
                  key={j}
                  class={`holiday-day holiday-day--${d.kind}`}
                  data-date={d.date}
                  title={
                    d.kind === 'holiday' ? `${d.name}放假` : d.kind === 'workingWeekend' ? `${d.name}调休上班` : ''
                  }
                >
                  {d.day}
                  {d.kind === 'holiday' && <small>休</small>}
                  {d.kind === 'workingWeekend' && <small>班</small>}
                </td>
              ) : (
                <td key={j} />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HolidaysScreen({ api, visit, today }: { api: ApiClient; visit: number; today: string }) {
  const state = useMemo(() => createHolidayState(api), [api]);
  useEffect(() => {
    void state.load();
  }, [visit]);
  const listed = state.list.data.value;
  const draft = useSignal<Draft>(emptyDraft(Number(today.slice(0, 4)) + 1));
  const notice = useSignal('');
  const noticeErrors = useSignal<NoticeLineError[]>([]);
  useEffect(() => {
    if (listed?.missingNextYear && draft.value.holidays.length === 0) draft.value = emptyDraft(listed.missingNextYear);
  }, [listed?.missingNextYear]);

  const d = draft.value;
  const checked = HolidayYearInput.safeParse(d);
  const problems = checked.success ? [] : checked.error.issues.map((i) => i.message);
  const set = (patch: Partial<Draft>) => {
    draft.value = { ...draft.value, ...patch };
    state.saved.value = null;
  };
  const readNotice = () => {
    const parsed = parseNotice(notice.value, d.year);
    noticeErrors.value = parsed.errors;
    set({
      holidays: parsed.holidays,
      workingWeekends: parsed.workingWeekends,
      ...(parsed.source ? { source: parsed.source } : {}),
    });
  };
  const edit = (a: HolidayArrangement) => {
    draft.value = {
      year: a.year,
      source: a.source,
      holidays: [...a.holidays],
      workingWeekends: [...a.workingWeekends],
    };
    noticeErrors.value = [];
    state.saved.value = null;
  };

  return (
    <section class="stack holidays" aria-labelledby="holidays-title">
      <h1 id="holidays-title">节假日安排</h1>
      <p class="muted">
        办理时限按工作日计算。每年国务院办公厅发布次年节假日安排后，请在这里录入；未录入的年份按周一至周五计算，
        到期日会标注“未含某年节假日安排”。
      </p>
      {listed?.missingNextYear && (
        <Banner tone="warning">尚未录入{listed.missingNextYear}年节假日安排：跨入该年的期限只按周一至周五计算。</Banner>
      )}
      {state.list.error.value && <Banner tone="danger">{state.list.error.value}</Banner>}

      <div class="card stack">
        <h2>已录入的年份</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">年份</th>
              <th scope="col">版本</th>
              <th scope="col">来源</th>
              <th scope="col">保存时间</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {(listed?.years ?? []).map((y) => (
              <tr key={y.year} data-year={y.year}>
                <td>{y.year}年</td>
                <td>第{y.version}版</td>
                <td>{y.source}</td>
                <td>{formatTime(y.updatedAt)}</td>
                <td>
                  <Button onClick={() => edit(y)}>修改</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div class="card stack">
        <h2>录入一年的安排</h2>
        <label class="field__label" for="holiday-year">
          年份
        </label>
        <input
          id="holiday-year"
          class="field__input"
          type="number"
          min={2000}
          max={2100}
          value={d.year}
          onInput={(e) => set({ year: Number(e.currentTarget.value) })}
        />
        <label class="field__label" for="holiday-source">
          通知名称（来源）
        </label>
        <input
          id="holiday-source"
          class="field__input"
          value={d.source}
          onInput={(e) => set({ source: e.currentTarget.value })}
        />
        <label class="field__label" for="holiday-notice">
          粘贴通知原文（每个节日一行，如“二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。”）
        </label>
        <textarea
          id="holiday-notice"
          class="field__input"
          rows={8}
          value={notice.value}
          onInput={(e) => (notice.value = e.currentTarget.value)}
        />
        <div>
          <Button onClick={readNotice} disabled={!notice.value.trim()}>
            读取通知
          </Button>
        </div>
        {noticeErrors.value.length > 0 && (
          <div role="alert" class="banner banner--danger">
            有 {noticeErrors.value.length} 行读不出来，请改正后重新读取，或在下面逐项填写：
            <ul>
              {noticeErrors.value.map((e) => (
                <li key={e.line}>
                  第{e.line}行：{e.message}
                </li>
              ))}
            </ul>
          </div>
        )}

        <h3>放假</h3>
        {d.holidays.map((h, i) => (
          <div class="row holiday-row" key={i}>
            <input
              class="field__input"
              aria-label={`第${i + 1}个放假安排的节日名称`}
              value={h.name}
              onInput={(e) =>
                set({ holidays: d.holidays.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)) })
              }
            />
            <input
              class="field__input"
              type="date"
              aria-label={`${h.name || '节日'}开始日期`}
              value={h.from}
              onInput={(e) =>
                set({ holidays: d.holidays.map((x, j) => (j === i ? { ...x, from: e.currentTarget.value } : x)) })
              }
            />
            至
            <input
              class="field__input"
              type="date"
              aria-label={`${h.name || '节日'}结束日期`}
              value={h.to}
              onInput={(e) =>
                set({ holidays: d.holidays.map((x, j) => (j === i ? { ...x, to: e.currentTarget.value } : x)) })
              }
            />
            <Button onClick={() => set({ holidays: d.holidays.filter((_, j) => j !== i) })}>删除</Button>
          </div>
        ))}
        <div>
          <Button onClick={() => set({ holidays: [...d.holidays, { name: '', from: '', to: '' }] })}>
            添加放假安排
          </Button>
        </div>

        <h3>调休上班（周末上班）</h3>
        {d.workingWeekends.map((w, i) => (
          <div class="row holiday-row" key={i}>
            <input
              class="field__input"
              type="date"
              aria-label={`第${i + 1}个调休上班日`}
              value={w.date}
              onInput={(e) =>
                set({
                  workingWeekends: d.workingWeekends.map((x, j) =>
                    j === i ? { ...x, date: e.currentTarget.value } : x,
                  ),
                })
              }
            />
            <input
              class="field__input"
              aria-label={`第${i + 1}个调休上班日所属节日`}
              value={w.for}
              onInput={(e) =>
                set({
                  workingWeekends: d.workingWeekends.map((x, j) =>
                    j === i ? { ...x, for: e.currentTarget.value } : x,
                  ),
                })
              }
            />
            <Button onClick={() => set({ workingWeekends: d.workingWeekends.filter((_, j) => j !== i) })}>删除</Button>
          </div>
        ))}
        <div>
          <Button onClick={() => set({ workingWeekends: [...d.workingWeekends, { date: '', for: '' }] })}>
            添加调休上班日
          </Button>
        </div>
      </div>

      <div class="card stack">
        <h2>
          预览：{d.year}年日历（<span class="holiday-day--holiday">休</span> 放假，
          <span class="holiday-day--workingWeekend">班</span> 周末上班）
        </h2>
        {problems.length > 0 && (
          <Banner tone="warning">
            <ul aria-label="需要改正">
              {[...new Set(problems)].map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Banner>
        )}
        {d.year >= 2000 && d.year <= 2100 && (
          <div class="holiday-months">
            {Array.from({ length: 12 }, (_, i) => (
              <MonthPreview key={i} draft={d} month={i + 1} />
            ))}
          </div>
        )}
        {state.saveError.value && <Banner tone="danger">{state.saveError.value}</Banner>}
        {state.saved.value && (
          <Banner tone="success">
            已保存{state.saved.value.year}年节假日安排（第{state.saved.value.version}版）。各平板和审核台同步后生效。
          </Banner>
        )}
        <div>
          <Button
            variant="primary"
            disabled={!checked.success || state.saving.value}
            onClick={() => checked.success && void state.save(checked.data)}
          >
            {state.saving.value ? '正在保存…' : `保存${d.year}年安排`}
          </Button>
        </div>
      </div>
    </section>
  );
}
