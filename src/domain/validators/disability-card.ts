// 第二代残疾人证号: 20 characters — the holder's 18-character 公民身份号码, then the 残疾类别 (19th)
// and the 残疾等级 (20th). The grade decides eligibility (重度残疾人护理补贴: 一级、二级 only).
import { invalid, valid, type Validation } from '../result';
import { validateIdNumber } from './id-number';
import { toHalfWidth } from './normalise';

export const DISABILITY_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '视力残疾',
  '2': '听力残疾',
  '3': '言语残疾',
  '4': '肢体残疾',
  '5': '智力残疾',
  '6': '精神残疾',
  '7': '多重残疾',
};

export const DISABILITY_GRADES: Readonly<Record<string, string>> = {
  '1': '一级',
  '2': '二级',
  '3': '三级',
  '4': '四级',
};

export interface DisabilityCardInfo {
  /** 20 characters, upper-case X. */
  number: string;
  /** The holder's ID number: the first 18 characters. */
  idNumber: string;
  /** 1–7, see DISABILITY_CATEGORIES. */
  category: string;
  /** 1–4, see DISABILITY_GRADES. */
  grade: string;
}

export function validateDisabilityCard(input: string, today: string): Validation<DisabilityCardInfo> {
  const n = toHalfWidth(input)
    .replace(/[\s-]+/g, '')
    .toUpperCase();
  if (n === '') return invalid('disability.empty', '请填写残疾人证号');
  if (n.length !== 20) {
    const hint =
      n.length === 18 ? '，可能只填了身份证号，请补上证上最后两位（残疾类别和等级）' : '，请对照残疾人证逐位核对';
    return invalid(
      'disability.length',
      `残疾人证号应为20位（身份证号18位＋残疾类别1位＋残疾等级1位），现在是${n.length}位${hint}`,
    );
  }
  const id = validateIdNumber(n.slice(0, 18), today);
  if (!id.ok) return invalid('disability.id_number', `残疾人证号前18位应是持证人的身份证号：${id.error.message}`);
  const category = n[18] ?? '',
    grade = n[19] ?? '';
  if (!(category in DISABILITY_CATEGORIES)) {
    return invalid(
      'disability.category',
      `残疾人证号第19位是残疾类别，应为1–7，现在是“${category}”，请对照残疾人证核对`,
    );
  }
  if (!(grade in DISABILITY_GRADES)) {
    return invalid('disability.grade', `残疾人证号第20位是残疾等级，应为1–4，现在是“${grade}”，请对照残疾人证核对`);
  }
  return valid({ number: n, idNumber: id.value.idNumber, category, grade }, id.warnings);
}
