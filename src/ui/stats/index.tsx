// Statistics for the township (reviewer) or county (admin): key figures, plain-SVG charts and a
// CSV download that opens in Excel.
import { CalendarMark } from '../components/calendar-mark';
import { useEffect, useState } from 'preact/hooks';
import { REASON_LABELS } from '../../domain/schemas/decision';
import type { Share } from '../../domain/stats';
import type { StatsSlice } from '../../state/reviewer/stats';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { BarChart, type Bar } from './bar-chart';
import { rateText, rateValue } from './rate-text';
import { WeeklyTrend } from './weekly-trend';
import './stats.css';

const pct = (s: Share) => rateText(s);
/** A bar's length: 0 when there is nothing to divide (its text says so). */
const len = (s: Share) => s.rate ?? 0;

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div class="kpi card">
      <div class="kpi__label">{label}</div>
      <div class="kpi__value">{value}</div>
      {note && <div class="kpi__note muted">{note}</div>}
    </div>
  );
}

export function StatsScreen({ slice, visit = 0 }: { slice: StatsSlice; visit?: number }) {
  const { stats, period } = slice;
  const [from, setFrom] = useState(period.value.from);
  const [to, setTo] = useState(period.value.to);
  const [csvError, setCsvError] = useState('');
  useEffect(() => {
    void slice.load();
  }, [slice, visit]);

  const download = async () => {
    setCsvError('');
    try {
      const blob = await slice.csv();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = slice.csvName();
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setCsvError(err instanceof Error ? err.message : '导出失败，请重试');
    }
  };

  const data = stats.data.value;
  const r = data?.report;
  const label = (m: Record<string, string> | undefined, k: string) => m?.[k] ?? k;
  return (
    <section class="stats stack" aria-label="统计">
      <div class="row stats__toolbar no-print">
        <h1 class="stats__title">办件统计{data ? `（${data.scope.level === 'county' ? '全县' : '本乡镇'}）` : ''}</h1>
        <label>
          从 <input type="date" value={from} max={to} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          到 <input type="date" value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <Button variant="primary" onClick={() => slice.setPeriod(from, to)} disabled={stats.loading.value}>
          查询
        </Button>
        <Button onClick={download} disabled={!data}>
          导出 CSV
        </Button>
      </div>
      {stats.error.value && (
        <Banner tone="danger">
          {stats.error.value} <Button onClick={() => slice.load()}>重试</Button>
        </Banner>
      )}
      {csvError && <Banner tone="danger">{csvError}</Banner>}
      {stats.loading.value && !data && <p class="muted">正在统计…</p>}
      {data && r && (
        <>
          <p class="muted">
            统计期间：{data.period.from} 至 {data.period.to}（按提交日期）
          </p>
          {data.uncoveredYears.length > 0 && (
            <Banner tone="warning">
              <CalendarMark years={data.uncoveredYears} />
              工作日按周一至周五计算，这些年份的节假日尚未录入，时长和按时率可能不准。
            </Banner>
          )}
          <div class="kpis">
            <Kpi label="提交办件" value={String(r.totals.submitted)} note={`已办结 ${r.totals.completed} 件`} />
            <Kpi
              label="平均办理时长"
              value={`${r.handling.average} 个工作日`}
              note={`P90：${r.handling.p90} 个工作日`}
            />
            <Kpi label="按时办结率" value={rateValue(r.onTime)} note={`${r.onTime.count}/${r.onTime.total}`} />
            <Kpi
              label="退回率"
              value={rateValue(r.returns.overall)}
              note={`${r.returns.overall.count}/${r.returns.overall.total}`}
            />
            <Kpi
              label="不予受理"
              value={`${r.outcomes.refused.count} 件`}
              note={`终止 ${r.outcomes.terminated + r.outcomes.toleranceExpired + r.outcomes.returnClosed} 件，归档 ${r.outcomes.archived} 件`}
            />
            <Kpi
              label="回访满意率"
              value={rateValue(r.outcomes.followUps.satisfied, '暂无回访')}
              note={`回访 ${r.outcomes.followUps.total} 件，联系上 ${r.outcomes.followUps.reached.count} 件`}
            />
            <Kpi
              label="差评率"
              value={rateValue(r.ratings.bad, '暂无评价')}
              note={`整改未办结 ${r.rectifications.open} 件，逾期 ${r.rectifications.overdue} 件`}
            />
          </div>
          <WeeklyTrend weeks={r.weekly} />
          <div class="charts">
            <BarChart
              title="按状态"
              bars={r.byStatus.map((s) => ({ label: label(data.labels.statuses, s.key), value: s.count }))}
            />
            <BarChart
              title="办件结果"
              bars={[
                { label: '不予受理', value: r.outcomes.refused.count },
                { label: '终止（审核员决定）', value: r.outcomes.terminated },
                { label: '终止（容缺逾期未补齐）', value: r.outcomes.toleranceExpired },
                { label: '关闭（退回后逾期未补正）', value: r.outcomes.returnClosed },
                { label: '已归档', value: r.outcomes.archived },
              ]}
            />
            <BarChart
              title="按事项"
              bars={r.byItem.map((s) => ({ label: label(data.labels.items, s.key), value: s.count }))}
            />
            <BarChart
              title="退回原因（占提交办件）"
              max={1}
              bars={r.returns.byReason.map((x): Bar => ({
                label: REASON_LABELS[x.code],
                value: len(x),
                display: `${pct(x)} · ${x.citations} 处`,
                tone: x.count ? 'bad' : 'normal',
              }))}
            />
            <BarChart
              title="退回率（按事项）"
              max={1}
              bars={r.returns.byItem.map((x) => ({
                label: label(data.labels.items, x.key),
                value: len(x),
                display: pct(x),
              }))}
            />
            <BarChart
              title="退回率（按村）"
              max={1}
              bars={r.returns.byVillage.map((x) => ({
                label: label(data.labels.villages, x.key),
                value: len(x),
                display: pct(x),
              }))}
            />
            <BarChart
              title="好差评"
              max={1}
              empty="暂无评价"
              bars={
                r.totals.ratings === 0
                  ? []
                  : r.ratings.byLevel.map((x): Bar => ({
                      label: x.label,
                      value: len(x),
                      display: rateText(x, '暂无评价'),
                      tone: x.level <= 2 ? 'bad' : x.level >= 4 ? 'good' : 'normal',
                    }))
              }
            />
          </div>
        </>
      )}
    </section>
  );
}
