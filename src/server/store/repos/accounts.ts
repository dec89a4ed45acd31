// Divisions and users (sessions: sessions.ts).
import type { Sql } from '../sql';
import type { DivisionRecord, Repositories, UserRecord } from '../store';

export interface UserRow {
  id: string;
  username: string;
  name: string;
  role: UserRecord['role'];
  village_code: string | null;
  township_code: string | null;
  county_code: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
  must_change_password: number;
}
export const USER_COLUMNS =
  'id, username, name, role, village_code, township_code, county_code, password_hash, created_at, disabled_at, must_change_password';
export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  villageCode: r.village_code,
  townshipCode: r.township_code,
  countyCode: r.county_code,
  passwordHash: r.password_hash,
  createdAt: Number(r.created_at),
  disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
  mustChangePassword: Number(r.must_change_password) === 1,
});

interface DivisionRow {
  code: string;
  name: string;
  level: DivisionRecord['level'];
  parent_code: string | null;
}
const toDivision = (r: DivisionRow): DivisionRecord => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
});

export function divisionRepo(sql: Sql): Repositories['divisions'] {
  return {
    async upsert(d) {
      await sql.run(
        `INSERT INTO divisions (code, name, level, parent_code) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code`,
        [d.code, d.name, d.level, d.parentCode],
      );
    },
    async get(code) {
      const row = await sql.get<DivisionRow>(`SELECT code, name, level, parent_code FROM divisions WHERE code = ?`, [
        code,
      ]);
      return row && toDivision(row);
    },
    async list() {
      return (await sql.all<DivisionRow>(`SELECT code, name, level, parent_code FROM divisions ORDER BY code`)).map(
        toDivision,
      );
    },
    async inCounty(countyCode) {
      // A range of the primary key: every 12-digit code that starts with the 6 of the county
      // (digit strings of one length compare alike under any collation).
      const rows = await sql.all<DivisionRow>(
        `SELECT code, name, level, parent_code FROM divisions WHERE code > ? AND code <= ? ORDER BY code`,
        [`${countyCode}000000`, `${countyCode}999999`],
      );
      return rows.filter((r) => r.code.length === 12 && r.code.startsWith(countyCode)).map(toDivision);
    },
  };
}

export function userRepo(sql: Sql): Repositories['users'] {
  return {
    async insert(u) {
      await sql.run(`INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        u.id,
        u.username,
        u.name,
        u.role,
        u.villageCode,
        u.townshipCode,
        u.countyCode,
        u.passwordHash,
        u.createdAt,
        u.disabledAt,
        u.mustChangePassword ? 1 : 0,
      ]);
    },
    async byUsername(username) {
      const row = await sql.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`, [username]);
      return row && toUser(row);
    },
    async get(id) {
      const row = await sql.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id]);
      return row && toUser(row);
    },
    async count() {
      return Number((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users`))?.n ?? 0);
    },
    async inCounty(countyCode) {
      const rows = await sql.all<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE county_code = ? ORDER BY username`, [
        countyCode,
      ]);
      return rows.map(toUser);
    },
    async update(u) {
      await sql.run(
        `UPDATE users SET name = ?, role = ?, village_code = ?, township_code = ?, county_code = ?, password_hash = ?,
           disabled_at = ?, must_change_password = ? WHERE id = ?`,
        [
          u.name,
          u.role,
          u.villageCode,
          u.townshipCode,
          u.countyCode,
          u.passwordHash,
          u.disabledAt,
          u.mustChangePassword ? 1 : 0,
          u.id,
        ],
      );
    },
  };
}
