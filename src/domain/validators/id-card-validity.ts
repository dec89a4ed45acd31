// Validity of the resident ID card (居民身份证法 §5): the period depends on the age at issue.
import { addYears, ageAt, daysBetween, parseIsoDate } from '../dates';
import { invalid, valid, warning, type Validation } from '../result';

/** A card ending within this many days gets a warning: it may expire before the case is done. */
export const ID_CARD_EXPIRING_DAYS = 30;

/** End of validity: under 16 → 5 years, 16–25 → 10, 26–45 → 20, 46 and over → long-term. */
export function idCardValidUntil(birthDate: string, issuedOn: string): string | 'long-term' {
  const age = ageAt(birthDate, issuedOn);
  if (age < 0) throw new RangeError(`issued (${issuedOn}) before birth (${birthDate})`);
  if (age >= 46) return 'long-term';
  const years = age < 16 ? 5 : age <= 25 ? 10 : 20;
  return addYears(issuedOn, years);
}

/** Expired = the end date is before today; the end date itself is still valid. */
export function checkIdCardExpiry(validUntil: string | 'long-term', today: string): Validation<string | 'long-term'> {
  if (!parseIsoDate(today)) throw new RangeError(`today is not a date: ${today}`);
  if (validUntil === 'long-term') return valid(validUntil);
  if (!parseIsoDate(validUntil)) {
    return invalid('idcard.invalid', `身份证有效期“${validUntil}”不是有效日期，请对照证件背面重新填写`);
  }
  const daysLeft = daysBetween(today, validUntil);
  if (daysLeft < 0) {
    return invalid('idcard.expired', `身份证已于 ${validUntil} 过期，请申请人先到派出所换领新证，或使用临时身份证`);
  }
  if (daysLeft <= ID_CARD_EXPIRING_DAYS) {
    return valid(validUntil, [
      warning(
        'idcard.expiring',
        `身份证将于 ${validUntil} 到期（还剩${daysLeft}天），请提醒申请人尽快换领，以免办理中途失效`,
      ),
    ]);
  }
  return valid(validUntil);
}
