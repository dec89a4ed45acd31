import { describe, expect, it } from 'vitest';
import { validateDate } from '../../../src/domain/validators';
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
