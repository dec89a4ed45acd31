// The front (人像面) of a 居民身份证 from recognised lines: 姓名, 性别, 民族, 出生, 住址 and
// 公民身份号码, labels found even when merged with their values ("姓名张三") or slightly misread,
// and the number reconciled with the printed birth date and sex (id-correction.ts).
import type { Issue } from '../result';
import { warning } from '../result';
import { toHalfWidth, NAME_DOT_LOOK_ALIKES } from '../validators/normalise';
import { parsePrintedBirth } from './birth-date';
import { digitCount, idCharsIn, positionOptions } from './id-candidates';
import { positionsText, reconcileIdNumber } from './id-correction';
import { CARD_FRONT } from './card-region';
import type { OcrResult } from './ocr-types';
import { dropPrefix, readingRows, type TextRow } from './rows';

export interface FrontReading {
  name?: string;
  sex?: 'M' | 'F';
  /** As the profile writes it: 汉族, 维吾尔族. */
  ethnicity?: string;
  birthDate?: string;
  address?: string;
  /** Only a number that passes every check; `idRaw` shows what was read otherwise. */
  idNumber?: string;
  idRaw?: string;
  /** Errors: a field could not be read or reconciled. Warnings: a value was corrected, check it. */
  issues: Issue[];
}

const LABEL = {
  name: /^(?:[姓娃][名各]?|名)/,
  sex: /^(?:性[别剐]?|别)/,
  nation: /民族|民|族/,
  birth: /^(?:出生|出|生)/,
  address: /^(?:[住往佳][址扯趾]|住|址)/,
};
/** 公民身份号码 on a row of its own, above the number. */
const ID_LABEL = /^(?:公民)?身份(?:证)?号?码?$|^号码$/;
/** Enough digit-like characters for the ID number row. */
const ID_ROW_DIGITS = 15;

const error = (code: string, message: string): Issue => ({ code, severity: 'error', message });

/** The row without a label matched at its start (label measured in characters, not UTF-16 units). */
function afterLabel(row: TextRow, label: RegExp): TextRow {
  const m = label.exec(row.text);
  return m && m.index === 0 ? dropPrefix(row, [...m[0]].length) : row;
}

const hanOnly = (s: string) => s.replace(/[^\p{Script=Han}]/gu, '');

export function readCardFront(ocr: OcrResult, today: string): FrontReading {
  const rows = readingRows(ocr.lines, CARD_FRONT);
  const issues: Issue[] = [];
  if (rows.length === 0) {
    return { issues: [error('idcard.front.empty', '没有读到文字：请把身份证人像面放平、对准，光线充足后重拍')] };
  }
  const out: FrontReading = { issues };

  // The number's row anchors the rest: 出生 above it, 住址 between them.
  let idIndex = -1;
  rows.forEach((r, i) => {
    if (digitCount(r.chars) >= ID_ROW_DIGITS) idIndex = i;
  });
  const above = idIndex < 0 ? rows : rows.slice(0, idIndex);
  const birthIndex = above.findIndex(
    (r) => /^出生/.test(r.text) || (/[年月]/.test(r.text) && digitCount(r.chars) >= 5),
  );
  const sexIndex = above.findIndex(
    (r) => /性别|民族|^性/.test(r.text) || /^[男女]/.test(afterLabel(r, LABEL.sex).text),
  );
  const nameIndex = above.findIndex((r) => /^[姓娃]名/.test(r.text));

  const nameRow = rows[nameIndex >= 0 ? nameIndex : sexIndex > 0 ? sexIndex - 1 : 0];
  if (nameRow && nameRow !== rows[sexIndex] && nameRow !== rows[birthIndex]) {
    const name = afterLabel(nameRow, LABEL.name)
      .text.replace(NAME_DOT_LOOK_ALIKES, '·')
      .replace(/[^\p{Script=Han}·]/gu, '')
      .replace(/^·+|·+$/g, '');
    if (name) out.name = name;
  }
  if (!out.name) issues.push(error('idcard.name.unread', '没有读出姓名，请对照证件填写'));

  const sexRow = rows[sexIndex];
  if (sexRow) {
    const rest = afterLabel(sexRow, LABEL.sex).text;
    const sex = /^[^男女]{0,2}([男女])/.exec(rest)?.[1];
    if (sex) out.sex = sex === '男' ? 'M' : 'F';
    const nation = LABEL.nation.exec(rest);
    const value = hanOnly(nation ? rest.slice(nation.index + nation[0].length) : '');
    if (value) out.ethnicity = value.endsWith('族') ? value : `${value}族`;
  }

  const birthRow = rows[birthIndex];
  const printedBirth = birthRow ? parsePrintedBirth(afterLabel(birthRow, LABEL.birth).text) : undefined;
  if (printedBirth) out.birthDate = printedBirth;

  // 住址: from its label (or the row after 出生) down to the number, in reading order.
  const addressStart = above.findIndex((r) => LABEL.address.test(r.text));
  const from = addressStart >= 0 ? addressStart : birthIndex >= 0 ? birthIndex + 1 : -1;
  if (from >= 0 && from < above.length) {
    const parts = above
      .slice(from)
      .map((r, i) => (i === 0 ? afterLabel(r, LABEL.address).text : r.text))
      .filter((t) => !ID_LABEL.test(t));
    const address = toHalfWidth(parts.join('')).replace(/\s+/g, '');
    if (address) out.address = address;
  }
  if (!out.address) issues.push(error('idcard.address.unread', '没有读出住址，请对照证件填写'));

  const idRow = rows[idIndex];
  if (!idRow) {
    issues.push(error('idcard.id.unread', '没有读出公民身份号码，请把证件放平重拍，或对照证件手工填写'));
    return out;
  }
  const positions = idCharsIn(idRow.chars).map((c, i) => positionOptions(c, i));
  const r = reconcileIdNumber(positions, { birthDate: printedBirth, sex: out.sex }, today);
  out.idRaw = r.raw;
  if (!r.ok) {
    issues.push(r.error);
    return out;
  }
  out.idNumber = r.idNumber;
  if (r.changed.length) {
    issues.push(
      warning(
        'idcard.id.corrected',
        `身份证号第 ${positionsText(r.changed)} 位看不清，已按校验位和出生日期更正为 ${r.idNumber}，请对照证件核对`,
      ),
    );
  }
  if (r.overruled.includes('birthDate') && printedBirth)
    issues.push(
      warning(
        'idcard.birth.corrected',
        `出生日期读作 ${printedBirth}，与身份证号不符，已按身份证号改为 ${r.birthDate}`,
      ),
    );
  if (r.overruled.includes('sex') && out.sex)
    issues.push(
      warning('idcard.sex.corrected', `性别读作“${out.sex === 'M' ? '男' : '女'}”，与身份证号不符，已按身份证号更正`),
    );
  out.birthDate = r.birthDate;
  out.sex = r.sex;
  return out;
}
