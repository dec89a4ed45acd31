// The report as one long table (category, group, count, total, percent, note): one shape that
// sorts and filters well in Excel, whatever statistic a row holds.
import { REASON_LABELS } from '../schemas/decision';
import type { CsvCell } from './csv';
import type { StatsReport } from './report';
import type { Share } from './types';

export interface StatsLabels {
  status?: (status: string) => string;
  item?: (itemCode: string) => string;
  village?: (villageCode: string) => string;
}

export const CSV_HEADER = ['统计类别', '分组', '数量', '总数', '比率(%)', '说明'] as const;

/** Percent with one decimal, as a number so Excel can sum and chart it; null (an empty cell)
 * when there is nothing to divide, never a misleading 0. */
export const percent = (s: Share): number | null => (s.rate === null ? null : Math.round(s.rate * 1000) / 10);

const of = (count: number, total: number): Share => ({ count, total, rate: total ? count / total : null });

const shareRow = (category: string, group: string, s: Share, note = ''): CsvCell[] => [
  category,
  group,
  s.count,
  s.total,
  percent(s),
  note,
];

export function reportCsvRows(
  report: StatsReport,
  labels: StatsLabels = {},
  period?: { from: string; to: string },
): CsvCell[][] {
  const status = labels.status ?? ((s: string) => s);
  const item = labels.item ?? ((s: string) => s);
  const village = labels.village ?? ((s: string) => s);
  const { totals, handling } = report;
  const rows: CsvCell[][] = [[...CSV_HEADER]];
  if (period) rows.push(['统计期间', `${period.from} 至 ${period.to}`, totals.cases, '', '', '按提交日期']);
  for (const r of report.byStatus)
    rows.push(['按状态', status(r.key), r.count, totals.cases, percent(of(r.count, totals.cases)), '']);
  for (const r of report.byItem)
    rows.push(['按事项', item(r.key), r.count, totals.cases, percent(of(r.count, totals.cases)), '']);
  rows.push(['办理时长', '平均（工作日）', handling.average, handling.count, '', '提交至办结']);
  rows.push(['办理时长', 'P90（工作日）', handling.p90, handling.count, '', '90% 的办件不超过此天数']);
  rows.push(shareRow('按时办结率', '全部', report.onTime, '办结日不晚于承诺期限'));
  rows.push(shareRow('退回率', '全部', report.returns.overall, '至少退回一次的办件'));
  for (const r of report.returns.byReason)
    rows.push(shareRow('退回原因', REASON_LABELS[r.code], r, `标注 ${r.citations} 处`));
  for (const r of report.returns.byItem)
    rows.push(shareRow('退回率（按事项）', item(r.key), r, reasonsNote(r.reasons)));
  for (const r of report.returns.byVillage)
    rows.push(shareRow('退回率（按村）', village(r.key), r, reasonsNote(r.reasons)));
  for (const r of report.ratings.byLevel) rows.push(shareRow('好差评', r.label, r));
  rows.push(shareRow('好差评', '差评合计', report.ratings.bad, '不满意 + 非常不满意'));
  const rect = report.rectifications;
  rows.push(['差评整改', '未办结', rect.open, rect.total, '', `其中逾期 ${rect.overdue} 件`]);
  rows.push(shareRow('差评整改', '已办结（按期）', rect.closedOnTime, '回访后办结'));
  const o = report.outcomes;
  rows.push(shareRow('办件结果', '不予受理', o.refused, '行政许可法第三十二条，占提交办件'));
  rows.push(['办件结果', '终止（审核员决定）', o.terminated, '', '', '']);
  rows.push(['办件结果', '终止（容缺逾期未补齐）', o.toleranceExpired, '', '', '系统按宽限期自动终止']);
  rows.push(['办件结果', '关闭（退回后逾期未补正）', o.returnClosed, '', '', '']);
  rows.push(shareRow('回访', '联系上', o.followUps.reached, '以最近一次回访为准'));
  rows.push(shareRow('回访', '满意', o.followUps.satisfied, '占联系上的'));
  rows.push(['归档', '已归档', o.archived, '', '', '']);
  for (const w of report.weekly) {
    const week = `${w.weekStart} 至 ${w.weekEnd}`;
    rows.push(['每周趋势', `${week} 提交`, w.submitted, '', '', '']);
    rows.push(['每周趋势', `${week} 退回`, w.returned, '', '', '当周至少退回一次的办件']);
    rows.push(shareRow('每周趋势', `${week} 按时办结`, w.onTime, w.onTime.total ? '当周办结的办件' : '当周无办结'));
  }
  return rows;
}

function reasonsNote(reasons: Partial<Record<keyof typeof REASON_LABELS, number>>): string {
  return (Object.entries(reasons) as [keyof typeof REASON_LABELS, number][])
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${REASON_LABELS[code]} ${n}`)
    .join('；');
}
