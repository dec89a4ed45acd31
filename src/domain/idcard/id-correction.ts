// Checksum-guided correction of a recognised ID number (GB 11643). The check character, the
// birth-date digits (7–14) and the sex digit (17) must agree with each other and with the 出生 and
// 性别 printed on the card. Among the recogniser's own candidates for the least certain positions
// we look for the most probable reading that passes every check, and refuse when none does or
// when two readings are about as likely: a wrong number that happens to pass is worse than none.
import type { Issue } from '../result';
import { validateIdNumber } from '../validators/id-number';
import type { IdPosition } from './id-candidates';

/** What the card prints elsewhere, as read. */
export interface PrintedFacts {
  readonly birthDate?: string | undefined;
  readonly sex?: 'M' | 'F' | undefined;
}

export type IdReconciliation =
  | {
      ok: true;
      idNumber: string;
      birthDate: string;
      sex: 'M' | 'F';
      /** The raw reading (top candidates), for the record. */
      raw: string;
      /** 0-based positions whose reading was replaced. */
      changed: number[];
      /** Printed facts that disagree with a self-consistent, confident number: the number wins. */
      overruled: ('birthDate' | 'sex')[];
    }
  | { ok: false; raw: string; error: Issue };

/** At most this many positions are replaced by a candidate (not counting digits from 出生). */
export const MAX_CHANGES = 3;
/** Only the least certain positions are searched. */
export const MAX_SEARCHED_POSITIONS = 6;
/** Top-3: the best reading and two runners-up. */
export const ALTERNATIVES_PER_POSITION = 2;
/** The best reading must be this many times likelier than the next one. */
export const AMBIGUITY_RATIO = 4;
/** A digit not among the recogniser's candidates but printed in 出生 gets this weight. */
const PRINTED_DIGIT_P = 0.05;
/** A raw number that passes every check on its own is trusted over 出生/性别 when each digit is this sure. */
export const CONFIDENT_P = 0.8;

const BIRTH_START = 6;

const fail = (raw: string, code: string, message: string): IdReconciliation => ({
  ok: false,
  raw,
  error: { code, severity: 'error', message },
});

interface Choice {
  readonly ch: string;
  /** Probability relative to the top reading (1 for an unchanged position). */
  readonly weight: number;
  readonly forced: boolean;
}

export function reconcileIdNumber(
  positions: readonly IdPosition[],
  printed: PrintedFacts,
  today: string,
): IdReconciliation {
  const raw = positions.map((o) => o[0]?.ch ?? '?').join('');
  if (positions.length !== 18) {
    return fail(
      raw,
      'idcard.id.length',
      `身份证号读到 ${positions.length} 位（应为 18 位），请把证件放平重拍，或对照证件手工填写`,
    );
  }
  const check = (id: string) => {
    const v = validateIdNumber(id, today);
    return v.ok ? v.value : undefined;
  };
  const agrees = (info: { birthDate: string; sex: 'M' | 'F' }) =>
    (!printed.birthDate || info.birthDate === printed.birthDate) && (!printed.sex || info.sex === printed.sex);

  const rawInfo = raw.includes('?') ? undefined : check(raw);
  if (rawInfo && agrees(rawInfo)) return { ok: true, ...rawInfo, raw, changed: [], overruled: [] };
  if (rawInfo && positions.every((o) => (o[0]?.p ?? 0) >= CONFIDENT_P)) {
    const overruled: ('birthDate' | 'sex')[] = [];
    if (printed.birthDate && printed.birthDate !== rawInfo.birthDate) overruled.push('birthDate');
    if (printed.sex && printed.sex !== rawInfo.sex) overruled.push('sex');
    return { ok: true, ...rawInfo, raw, changed: [], overruled };
  }

  // Choices per position: the top reading, or (for searched positions) a runner-up; the birth
  // digits are taken from 出生 when it was read.
  const birthDigits = printed.birthDate?.replaceAll('-', '');
  const fixed: Choice[] = [];
  const searched: { index: number; choices: Choice[] }[] = [];
  positions.forEach((opts, i) => {
    const top = opts[0];
    const printedDigit =
      birthDigits && i >= BIRTH_START && i < BIRTH_START + 8 ? birthDigits[i - BIRTH_START] : undefined;
    if (printedDigit) {
      const seen = opts.find((o) => o.ch === printedDigit);
      const weight = top ? (seen?.p ?? PRINTED_DIGIT_P) / top.p : 1;
      fixed.push({ ch: printedDigit, weight: Math.min(weight, 1), forced: printedDigit !== top?.ch });
      return;
    }
    fixed.push({ ch: top?.ch ?? '?', weight: 1, forced: false });
    if (opts.length > 1 || !top) {
      const topP = top?.p ?? 1;
      searched.push({
        index: i,
        choices: opts
          .slice(1, 1 + ALTERNATIVES_PER_POSITION)
          .map((o) => ({ ch: o.ch, weight: o.p / topP, forced: false })),
      });
    }
  });
  // A position with no usable reading at all must be among the searched ones.
  const unreadable = fixed.filter((c) => c.ch === '?').length;
  if (unreadable > MAX_CHANGES) {
    return fail(raw, 'idcard.id.unreadable', `身份证号有 ${unreadable} 位没有读出来，请重拍，或对照证件手工填写`);
  }
  const least = searched
    .sort(
      (a, b) =>
        (fixed[a.index]!.ch === '?' ? -1 : 0) - (fixed[b.index]!.ch === '?' ? -1 : 0) ||
        (b.choices[0]?.weight ?? 0) - (a.choices[0]?.weight ?? 0),
    )
    .slice(0, MAX_SEARCHED_POSITIONS);

  const found = new Map<string, { score: number; changed: number[]; info: { birthDate: string; sex: 'M' | 'F' } }>();
  const base = fixed.reduce((s, c) => s * c.weight, 1);
  const visit = (from: number, reading: string[], score: number, changed: number[]) => {
    if (!reading.includes('?')) {
      const id = reading.join('');
      const info = check(id);
      if (info && agrees(info) && (found.get(id)?.score ?? 0) < score)
        found.set(id, { score, changed: [...changed], info });
    }
    if (changed.length === MAX_CHANGES) return;
    for (let k = from; k < least.length; k++) {
      const { index, choices } = least[k]!;
      for (const c of choices) {
        const next = [...reading];
        next[index] = c.ch;
        visit(k + 1, next, score * c.weight, [...changed, index]);
      }
    }
  };
  visit(
    0,
    fixed.map((c) => c.ch),
    base,
    [],
  );
  const ranked = [...found].sort((a, b) => b[1].score - a[1].score);
  const [best, second] = ranked;
  if (!best) {
    return fail(
      raw,
      printed.birthDate || printed.sex ? 'idcard.id.mismatch' : 'idcard.id.checksum',
      printed.birthDate || printed.sex
        ? `身份证号“${raw}”与证件上的出生日期、性别或校验位对不上，无法自动更正，请对照证件逐位核对后手工填写`
        : `身份证号“${raw}”校验不通过，无法自动更正，请对照证件逐位核对后手工填写`,
    );
  }
  // A raw number that passes on its own but disagrees with 出生/性别 is a rival reading too.
  const rival = Math.max(second?.[1].score ?? 0, rawInfo ? 1 : 0);
  if (rival > 0 && best[1].score < AMBIGUITY_RATIO * rival) {
    const other = second?.[0] ?? raw;
    return fail(
      raw,
      'idcard.id.ambiguous',
      `身份证号有几位看不清：可能是 ${best[0]}，也可能是 ${other}，请对照证件核对后手工填写`,
    );
  }
  const changed = [...best[1].changed, ...fixed.flatMap((c, i) => (c.forced ? [i] : []))].sort((a, b) => a - b);
  return { ok: true, idNumber: best[0], ...best[1].info, raw, changed, overruled: [] };
}

/** 1-based position list for a message: 第 3、9 位. */
export const positionsText = (changed: readonly number[]) => changed.map((i) => i + 1).join('、');
