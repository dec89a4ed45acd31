// Person profile form (群众档案): live validation of what the agent types, values derived from
// the ID number (birth date, sex) and the card's validity from its issue date. Pure.
import { type Person, type PersonInput, type Relation, uuidv7 } from '../domain';
import {
  checkIdCardExpiry,
  type DivisionList,
  idCardValidUntil,
  validateBankCard,
  validateDate,
  validateDivisionCode,
  validateIdNumber,
  validateMobile,
  validatePersonName,
} from '../domain/validators';

export interface PersonDraft {
  id?: string | undefined;
  name: string;
  idNumber: string;
  ethnicity: string;
  phone: string;
  address: string;
  divisionCode: string;
  idCardIssuedOn: string;
  bankCard: string;
  bankName: string;
  household: { personId: string; relation: Relation }[];
  frontPhoto?: string | undefined;
  backPhoto?: string | undefined;
  createdAt?: number | undefined;
  /** Fields filled from a card reading that the agent has not confirmed yet: saving is refused. */
  ocrPending?: PersonDraftKey[] | undefined;
}

export type PersonDraftKey =
  'name' | 'idNumber' | 'ethnicity' | 'phone' | 'address' | 'divisionCode' | 'idCardIssuedOn' | 'bankCard' | 'bankName';

export interface PersonFormCheck {
  errors: Partial<Record<PersonDraftKey, string>>;
  warnings: Partial<Record<PersonDraftKey, string[]>>;
  derived: {
    birthDate?: string;
    sex?: 'M' | 'F';
    idCardValidUntil?: string | 'long-term';
    idNumber?: string;
    divisionCode?: string;
  };
  ok: boolean;
}

/** The message on a field read from the card and not yet confirmed. */
export const OCR_UNCONFIRMED = '这是从证件上识别出的内容，请对照证件核对，无误后点“确认识别结果”';

export const emptyPersonDraft = (divisionCode = ''): PersonDraft => ({
  name: '',
  idNumber: '',
  ethnicity: '汉族',
  phone: '',
  address: '',
  divisionCode,
  idCardIssuedOn: '',
  bankCard: '',
  bankName: '',
  household: [],
});

export const draftFromPerson = (p: Person): PersonDraft => ({
  id: p.id,
  name: p.name,
  idNumber: p.idNumber,
  ethnicity: p.ethnicity,
  phone: p.phone ?? '',
  address: p.address,
  divisionCode: p.divisionCode,
  idCardIssuedOn: p.idCard?.issuedOn ?? '',
  bankCard: p.bankCard ?? '',
  bankName: p.bankName ?? '',
  household: p.household.map((h) => ({ ...h })),
  frontPhoto: p.idCard?.frontPhoto,
  backPhoto: p.idCard?.backPhoto,
  createdAt: p.createdAt,
});

/** Every message the form shows; `ok` when nothing blocks saving. `divisions`: the county's list, if the device has it. */
export function checkPersonDraft(d: PersonDraft, today: string, divisions?: DivisionList): PersonFormCheck {
  const errors: PersonFormCheck['errors'] = {};
  const warnings: PersonFormCheck['warnings'] = {};
  const derived: PersonFormCheck['derived'] = {};
  const warn = (k: PersonDraftKey, msgs: { message: string }[]) => {
    if (msgs.length) warnings[k] = msgs.map((m) => m.message);
  };

  const name = validatePersonName(d.name);
  if (!name.ok) errors.name = name.error.message;
  else warn('name', name.warnings);

  const id = validateIdNumber(d.idNumber, today);
  if (!id.ok) errors.idNumber = id.error.message;
  else {
    warn('idNumber', id.warnings);
    Object.assign(derived, { birthDate: id.value.birthDate, sex: id.value.sex, idNumber: id.value.idNumber });
  }

  if (d.phone.trim()) {
    const phone = validateMobile(d.phone);
    if (!phone.ok) errors.phone = phone.error.message;
    else warn('phone', phone.warnings);
  }
  const division = validateDivisionCode(d.divisionCode, 12, divisions);
  if (!division.ok) errors.divisionCode = division.error.message;
  else {
    warn('divisionCode', division.warnings);
    derived.divisionCode = division.value.code;
  }

  if (d.idCardIssuedOn.trim()) {
    const issued = validateDate(d.idCardIssuedOn);
    if (!issued.ok) errors.idCardIssuedOn = issued.error.message;
    else if (issued.value > today) errors.idCardIssuedOn = '发证日期不能晚于今天，请对照身份证背面核对';
    else if (derived.birthDate && issued.value < derived.birthDate)
      errors.idCardIssuedOn = '发证日期早于出生日期，请核对';
    else if (derived.birthDate) {
      const until = idCardValidUntil(derived.birthDate, issued.value);
      derived.idCardValidUntil = until;
      const expiry = checkIdCardExpiry(until, today);
      if (!expiry.ok) warnings.idCardIssuedOn = [expiry.error.message];
      else warn('idCardIssuedOn', expiry.warnings);
    }
  }
  if (d.bankCard.trim()) {
    const card = validateBankCard(d.bankCard);
    if (!card.ok) errors.bankCard = card.error.message;
    else warn('bankCard', card.warnings);
  }
  if (d.ethnicity.length > 20) errors.ethnicity = '民族最多 20 个字';
  if (d.address.length > 200) errors.address = '住址最多 200 个字';
  for (const k of d.ocrPending ?? []) errors[k] ??= OCR_UNCONFIRMED;
  return { errors, warnings, derived, ok: Object.keys(errors).length === 0 };
}

/** The profile to save, normalised; undefined while the form has errors. */
export function personFromDraft(
  d: PersonDraft,
  check: PersonFormCheck,
  villageCode: string,
  now: number,
): PersonInput | undefined {
  if (!check.ok || !check.derived.birthDate || !check.derived.sex || !check.derived.idNumber) return undefined;
  const name = validatePersonName(d.name);
  const phone = d.phone.trim() ? validateMobile(d.phone) : undefined;
  const bank = d.bankCard.trim() ? validateBankCard(d.bankCard) : undefined;
  const issuedOn = d.idCardIssuedOn.trim();
  return {
    id: d.id ?? uuidv7(now),
    name: name.ok ? name.value : d.name.trim(),
    sex: check.derived.sex,
    idNumber: check.derived.idNumber,
    birthDate: check.derived.birthDate,
    ethnicity: d.ethnicity.trim() || '汉族',
    ...(phone?.ok && { phone: phone.value }),
    address: d.address.trim(),
    divisionCode: check.derived.divisionCode ?? d.divisionCode.trim(),
    ...(issuedOn &&
      check.derived.idCardValidUntil && {
        idCard: {
          issuedOn,
          validUntil: check.derived.idCardValidUntil,
          ...(d.frontPhoto && { frontPhoto: d.frontPhoto }),
          ...(d.backPhoto && { backPhoto: d.backPhoto }),
        },
      }),
    ...(bank?.ok && { bankCard: bank.value }),
    ...(d.bankName.trim() && { bankName: d.bankName.trim() }),
    household: d.household,
    villageCode,
    createdAt: d.createdAt ?? now,
    updatedAt: now,
  };
}
