// Bank card / passbook account numbers: 16–19 digits. A Luhn failure is only a warning because
// rural passbook (存折) numbers are often not Luhn numbers.
import { invalid, valid, warning, type Validation } from '../result';
import { compactNumber } from './normalise';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function validateBankCard(input: string): Validation<string> {
  const n = compactNumber(input);
  if (n === '') return invalid('bank.empty', '请填写银行卡号');
  if (!/^\d+$/.test(n)) return invalid('bank.charset', '银行卡号只能包含数字，请对照卡面或存折重新填写');
  if (n.length < 16 || n.length > 19) {
    return invalid('bank.length', `银行卡号应为16–19位，现在是${n.length}位，请对照卡面或存折核对`);
  }
  if (!luhnValid(n)) {
    return valid(n, [
      warning('bank.luhn', '银行卡号校验不通过，可能有数字输错；如是存折账号请再核对一遍，确认无误后可继续'),
    ]);
  }
  return valid(n);
}
