// The holiday arrangements (public data, stored in clear): one row per saved version of a year.
import type { HolidayArrangement } from '../../../domain';
import type { Sql } from '../sql';
import type { Repositories } from '../store';
import { fromJson, toJson } from './json';

export function holidayRepo(sql: Sql): Repositories['holidays'] {
  return {
    async latest() {
      const rows = await sql.all<{ data: string; version: number; saved_at: number }>(
        `SELECT h.data, h.version, h.saved_at FROM holiday_years h
         WHERE h.version = (SELECT MAX(v.version) FROM holiday_years v WHERE v.year = h.year)
         ORDER BY h.year`,
      );
      return rows.map((r) => ({
        ...fromJson<HolidayArrangement>(r.data),
        version: Number(r.version),
        updatedAt: Number(r.saved_at),
      }));
    },
    async save(input, savedBy, now) {
      const row = await sql.get<{ v: number | null }>(`SELECT MAX(version) AS v FROM holiday_years WHERE year = ?`, [
        input.year,
      ]);
      const version = Number(row?.v ?? 0) + 1;
      const saved: HolidayArrangement = { ...input, version, updatedAt: now };
      await sql.run(`INSERT INTO holiday_years (year, version, data, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)`, [
        input.year,
        version,
        toJson(saved),
        now,
        savedBy,
      ]);
      return saved;
    },
  };
}
