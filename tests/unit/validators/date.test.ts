import { describe, expect, it } from 'vitest';
import { writtenDateAsIso, validateDate } from '../../../src/domain/validators';
import { outcome, value } from './helpers';

describe('validateDate', () => {
  it('accepts real dates, trimmed', () => {
    expect(value(validateDate(' 2024-02-29 '))).toBe('2024-02-29');
    expect(value(validateDate('１９４９-１０-０１'))).toBe('1949-10-01');
  });
  it.each([
    ['', 'date.empty'],
    ['2024/02/01', 'date.format'],
    ['2024-2-1', 'date.format'],
    ['20240201', 'date.format'],
    ['2023-02-29', 'date.invalid'],
    ['2024-13-01', 'date.invalid'],
    ['2024-04-31', 'date.invalid'],
    ['2024-00-10', 'date.invalid'],
  ])('%j → %s', (input, code) => {
    expect(outcome(validateDate(input))).toBe(code);
  });
});

describe('writtenDateAsIso', () => {
  it.each([
    ['2015.03.12', '2015-03-12'],
    ['2015/3/12', '2015-03-12'],
    ['2015年3月12日', '2015-03-12'],
    ['2015 年 3 月 12 日', '2015-03-12'],
    ['2015-3-2', '2015-03-02'],
    ['20150312', '2015-03-12'],
    ['２０１５．０３．１２', '2015-03-12'],
    [' 2024-02-29 ', '2024-02-29'],
    // A written form of a day that does not exist: validateDate then says so.
    ['2023.02.29', '2023-02-29'],
  ])('%j → %s', (input, iso) => {
    expect(writtenDateAsIso(input)).toBe(iso);
  });
  it('leaves a day that does not exist for validateDate to name', () => {
    expect(outcome(validateDate(writtenDateAsIso('2023年2月29日')!))).toBe('date.invalid');
  });
  it.each(['', '2015', '2015.03', '15.03.12', '2015.03.12.1', '201503120', '2015.3.12-2035.3.12', '12.03.2015'])(
    '%j is not a date written year first',
    (input) => {
      expect(writtenDateAsIso(input)).toBeUndefined();
    },
  );
});
