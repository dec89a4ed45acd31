// Importing a county's townships and villages from a CSV file (`code,name` or `代码,名称`), all
// or nothing. Levels come from the 12-digit code: a township ends in 000, a village does not and
// belongs to the township of its first 9 digits (in the file or already known). Each bad row is
// reported with its line number; a file with any bad row writes nothing.
import { countyOf, townshipOf } from '../../domain';
import type { DivisionsImportResponse, ImportProblem } from '../../domain/api';
import { unprocessable } from '../http/errors';
import type { DivisionRecord, Store } from '../store';
import { auditAdmin } from './audit';
import type { AdminContext } from './users';

const HEADERS = [
  ['code', 'name'],
  ['代码', '名称'],
];
/** Enough for a county (a few hundred villages) many times over; the rest are left off. */
const MAX_PROBLEMS = 500;

/** One CSV line into fields: commas (or tabs), double quotes with "" inside. */
function fields(line: string, separator: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === separator) {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}

interface Row {
  line: number;
  code: string;
  name: string;
}

/** Rows of the file, or the problems that make it unreadable (a wrong header). */
export function readDivisionsCsv(text: string): { rows: Row[]; problems: ImportProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { rows: [], problems: [{ line: 1, code: 'csv.empty', message: '文件是空的' }] };
  const separator = lines[first]!.includes('\t') && !lines[first]!.includes(',') ? '\t' : ',';
  const header = fields(lines[first]!, separator).map((h) => h.toLowerCase());
  if (!HEADERS.some(([c, n]) => header[0] === c && header[1] === n))
    return {
      rows: [],
      problems: [
        { line: first + 1, code: 'csv.header', message: `第 ${first + 1} 行：表头应为“code,name”或“代码,名称”` },
      ],
    };
  const rows: Row[] = [];
  for (let i = first + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const [code = '', name = ''] = fields(lines[i]!, separator);
    rows.push({ line: i + 1, code, name });
  }
  return { rows, problems: [] };
}

/** The records a file's rows describe for `countyCode`, and every bad row. */
export function checkDivisionRows(
  rows: Row[],
  countyCode: string,
  known: ReadonlyMap<string, DivisionRecord>,
): { records: DivisionRecord[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const bad = (r: Row, code: string, message: string) =>
    problems.push({ line: r.line, code, message: `第 ${r.line} 行：${message}` });
  const seen = new Map<string, number>();
  const valid: (Row & { level: 'township' | 'village' })[] = [];
  for (const r of rows) {
    if (!/^\d{12}$/.test(r.code)) {
      bad(r, 'division.code_format', `代码“${r.code}”应为 12 位数字`);
      continue;
    }
    if (countyOf(r.code) !== countyCode) {
      bad(r, 'division.other_county', `代码 ${r.code} 不属于本县（${countyCode}）`);
      continue;
    }
    // The county's own row (341822000000), as official lists include it: nothing to import.
    if (r.code === `${countyCode}000000`) continue;
    if (r.code.slice(6, 9) === '000') {
      bad(r, 'division.code_format', `代码 ${r.code} 的乡镇部分（第 7–9 位）不能是 000`);
      continue;
    }
    if (r.name === '') {
      bad(r, 'division.name_missing', `代码 ${r.code} 缺少名称`);
      continue;
    }
    if ([...r.name].length > 60) {
      bad(r, 'division.name_too_long', `名称过长（最多 60 个字）`);
      continue;
    }
    const earlier = seen.get(r.code);
    if (earlier !== undefined) {
      bad(r, 'division.duplicate', `代码 ${r.code} 与第 ${earlier} 行重复`);
      continue;
    }
    seen.set(r.code, r.line);
    valid.push({ ...r, level: r.code.endsWith('000') ? 'township' : 'village' });
  }
  const townships = new Set(valid.filter((r) => r.level === 'township').map((r) => r.code));
  const records: DivisionRecord[] = [];
  for (const r of valid) {
    if (r.level === 'township') {
      records.push({ code: r.code, name: r.name, level: 'township', parentCode: countyCode });
      continue;
    }
    const parent = townshipOf(r.code);
    if (!townships.has(parent) && known.get(parent)?.level !== 'township') {
      bad(r, 'division.township_unknown', `村 ${r.name}（${r.code}）所属的乡镇 ${parent} 不在文件中，也尚未导入`);
      continue;
    }
    records.push({ code: r.code, name: r.name, level: 'village', parentCode: parent });
  }
  problems.sort((a, b) => a.line - b.line);
  // Townships first: villages refer to them.
  records.sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === 'township' ? -1 : 1));
  return { records, problems };
}

/**
 * Checks the file and, unless `dryRun`, writes it in one transaction with its audit event. A file
 * with bad rows is refused (422 `divisions.invalid`, the rows in `details.errors`).
 */
export async function importDivisions(
  store: Store,
  ctx: AdminContext,
  csv: string,
  dryRun: boolean,
): Promise<DivisionsImportResponse> {
  const check = async (known: DivisionRecord[]) => {
    const read = readDivisionsCsv(csv);
    const { records, problems } = checkDivisionRows(read.rows, ctx.countyCode, new Map(known.map((d) => [d.code, d])));
    const errors = [...read.problems, ...problems].slice(0, MAX_PROBLEMS);
    const byCode = new Map(known.map((d) => [d.code, d]));
    const created = records.filter((r) => !byCode.has(r.code)).length;
    const updated = records.filter((r) => {
      const k = byCode.get(r.code);
      return k && (k.name !== r.name || k.parentCode !== r.parentCode || k.level !== r.level);
    }).length;
    const summary = {
      townships: records.filter((r) => r.level === 'township').length,
      villages: records.filter((r) => r.level === 'village').length,
      created,
      updated,
      errors,
    };
    return { records, summary };
  };
  if (dryRun) return { ...(await check(await store.divisions.list())).summary, applied: false };
  return store.transaction(async (tx) => {
    const { records, summary } = await check(await tx.divisions.list());
    if (summary.errors.length > 0)
      throw unprocessable('divisions.invalid', `文件中有 ${summary.errors.length} 处错误，没有导入任何数据`, {
        errors: summary.errors,
      });
    if (records.length === 0) throw unprocessable('divisions.empty', '文件中没有乡镇或村的数据');
    for (const r of records) await tx.divisions.upsert(r);
    await auditAdmin(
      tx,
      ctx.actor,
      {
        entity: 'division',
        entityId: ctx.countyCode,
        action: 'divisions-import',
        detail: `乡镇 ${summary.townships} 个，村 ${summary.villages} 个（新增 ${summary.created}，更新 ${summary.updated}）`,
      },
      ctx.now,
    );
    return { ...summary, applied: true };
  });
}
