// Property tests for the three checksum validators: every generated valid number passes, and any
// single-character substitution is caught.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../src/domain/dates';
import {
  USCC_CHARSET,
  idCheckCharacter,
  luhnValid,
  organisationCodeCheckCharacter,
  usccCheckCharacter,
  validateBankCard,
  validateIdNumber,
  validateUscc,
} from '../../../src/domain/validators';

const TODAY = '2025-06-01';
const PROVINCES = [
  ...[11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46],
  ...[50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 81, 82, 83],
].map(String);
const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));

const validIdNumber = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    rest: digits(4),
    birthOffset: fc.integer({ min: 0, max: daysBetween('1880-01-01', TODAY) }),
    sequence: digits(3),
  })
  .map(({ province, rest, birthOffset, sequence }) => {
    const birthDate = addDays('1880-01-01', birthOffset);
    const first17 = province + rest + birthDate.replaceAll('-', '') + sequence;
    return { id: first17 + idCheckCharacter(first17), birthDate, male: Number(sequence[2]) % 2 === 1 };
  });

/** Replaces the character at `index` by `replacement`, when that really changes the value. */
const substitute = (s: string, index: number, replacement: string) =>
  s.slice(0, index) + replacement + s.slice(index + 1);

describe('ID number checksum (property)', () => {
  it('accepts every generated valid number and reads it back', () => {
    fc.assert(
      fc.property(validIdNumber, ({ id, birthDate, male }) => {
        const v = validateIdNumber(id, TODAY);
        expect(v.ok && v.value).toEqual({
          idNumber: id,
          birthDate,
          sex: male ? 'M' : 'F',
          provinceCode: id.slice(0, 2),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('rejects any single-character substitution', () => {
    fc.assert(
      fc.property(validIdNumber, fc.nat(17), fc.constantFrom(...'0123456789XA#'), ({ id }, index, replacement) => {
        fc.pre(id[index] !== replacement);
        expect(validateIdNumber(substitute(id, index, replacement), TODAY).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

const ORG_BODY_CHARS = [...USCC_CHARSET];
/** Authority + organisation type pairs of GB 32100-2015's table (written out here, not imported). */
const USCC_KINDS = [
  ...['11', '12', '13', '19', '21', '29', '31', '32', '33', '34', '35', '39', '41', '49'],
  ...['51', '52', '53', '59', '61', '62', '69', '71', '72', '79', '81', '89', '91', '92', '93'],
  ...['A1', 'A9', 'N1', 'N2', 'N3', 'N9', 'Y1'],
];
const validUscc = fc
  .record({
    kind: fc.constantFrom(...USCC_KINDS),
    rest: fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 6, maxLength: 6 }),
    body: fc.array(fc.constantFrom(...ORG_BODY_CHARS), { minLength: 8, maxLength: 8 }),
  })
  .map(({ kind, rest, body }) => {
    const orgBody = body.join('');
    const first17 = kind + rest.join('') + orgBody + organisationCodeCheckCharacter(orgBody);
    return first17 + usccCheckCharacter(first17);
  });

describe('USCC checksum (property)', () => {
  it('accepts every generated valid code without warnings', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(validateUscc(code)).toEqual({ ok: true, value: code, warnings: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('rejects any single-character substitution', () => {
    fc.assert(
      fc.property(
        validUscc,
        fc.nat(17),
        fc.constantFrom(...USCC_CHARSET, 'I', 'O', 'S', 'V', 'Z', '-'),
        (code, index, replacement) => {
          fc.pre(code[index] !== replacement);
          expect(validateUscc(substitute(code, index, replacement)).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const validCardNumber = fc.integer({ min: 15, max: 18 }).chain((n) =>
  digits(n).map((body) => {
    const check = [...'0123456789'].find((d) => luhnValid(body + d)) ?? '';
    return body + check;
  }),
);

describe('Bank card Luhn (property)', () => {
  it('accepts every generated Luhn number without warnings', () => {
    fc.assert(
      fc.property(validCardNumber, (card) => {
        expect(validateBankCard(card)).toEqual({ ok: true, value: card, warnings: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('flags any single-digit substitution with the bank.luhn warning', () => {
    fc.assert(
      fc.property(validCardNumber, fc.nat(18), fc.constantFrom(...'0123456789'), (card, rawIndex, replacement) => {
        const index = rawIndex % card.length;
        fc.pre(card[index] !== replacement);
        const v = validateBankCard(substitute(card, index, replacement));
        expect(v.ok && v.warnings.map((w) => w.code)).toEqual(['bank.luhn']);
      }),
      { numRuns: 2000 },
    );
  });
});
