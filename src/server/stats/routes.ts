// GET /api/stats and GET /api/stats.csv: the review loop's statistics for the caller's scope —
// a reviewer sees the township, an admin the county. Agents have no statistics.
import type { FastifyInstance } from 'fastify';
import { chinaDate } from '../../domain';
import { API, type StatsQuery, type StatsResponse } from '../../domain/api';
import { uncoveredYearsBetween, workingDaysBetween } from '../../domain/calendar';
import { computeStats, reportCsvRows, toCsv, trendStart } from '../../domain/stats';
import { currentUser, requireRole, visibilityOf, type AuthUser } from '../auth/user';
import type { Store } from '../store';
import { csvLabels, loadLabels } from './labels';
import { serve } from '../http/route';
import { parsePeriod } from './period';
import { loadStatsInput } from './input';

export interface StatsRoutesOptions {
  store: Store;
  now?: () => number;
}

function scopeOf(user: AuthUser): StatsResponse['scope'] {
  const v = visibilityOf(user);
  return 'townshipCode' in v
    ? { level: 'township', code: v.townshipCode }
    : { level: 'county', code: 'countyCode' in v ? v.countyCode : '' };
}

export async function statsRoutes(app: FastifyInstance, opts: StatsRoutesOptions): Promise<void> {
  const now = opts.now ?? Date.now;

  async function build(query: StatsQuery, user: AuthUser): Promise<StatsResponse> {
    requireRole(user, 'reviewer', 'admin');
    const period = parsePeriod(query, now());
    const today = chinaDate(now());
    // The weekly trend: the last weeks up to the period's end (or today), whatever its start.
    const trendEnd = period.to < today ? period.to : today;
    const trendPeriod = parsePeriod({ from: trendStart(trendEnd), to: trendEnd }, now());
    const [input, trendInput, labels] = await Promise.all([
      loadStatsInput(opts.store, visibilityOf(user), period),
      loadStatsInput(opts.store, visibilityOf(user), trendPeriod),
      loadLabels(opts.store),
    ]);
    const report = computeStats(input, { workingDaysBetween, today, trend: { input: trendInput, endOn: trendEnd } });
    // Working days are counted from the period's start to its end, today and the latest due date.
    const last = [period.to, today, ...input.cases.flatMap((c) => (c.dueOn ? [c.dueOn] : []))].sort().at(-1) ?? today;
    const uncoveredYears = uncoveredYearsBetween(period.from, last);
    return {
      period: { from: period.from, to: period.to },
      scope: scopeOf(user),
      today,
      report,
      labels,
      uncoveredYears,
    };
  }

  serve(app, API.stats, async ({ query, request }) => build(query, currentUser(request)));

  serve(app, API.statsCsv, async ({ query, request, reply }) => {
    const stats = await build(query, currentUser(request));
    const csv = toCsv(reportCsvRows(stats.report, csvLabels(stats.labels), stats.period));
    const name = `daiban-stats-${stats.period.from}-${stats.period.to}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`代办统计-${stats.period.from}至${stats.period.to}.csv`)}`,
      )
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
