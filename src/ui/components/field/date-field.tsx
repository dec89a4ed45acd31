import { useState } from 'preact/hooks';
import { writtenDateAsIso } from '../../../domain/validators/date';
import { TextField } from './index';

type Props = Omit<Parameters<typeof TextField>[0], 'type' | 'inputMode'>;

/**
 * A date typed as it is written on the papers (2015.03.12, 2015年3月12日, 20150312), kept as
 * `YYYY-MM-DD`; other text is passed on as typed, for the checks to name. Not the
 * browser's date input: the first one on a page cost 70 ms at 4× slowdown (its date formats), and a
 * date copied from an ID card is typed faster than it is scrolled to.
 */
export function DateField({ value, onValue, onBlur, hint, ...rest }: Props) {
  const [text, setText] = useState(value);
  // The text typed stands while it still means the value; a value set from outside (a draft
  // restored, a card read) is shown as it is.
  const shown = (writtenDateAsIso(text) ?? text) === value ? text : value;
  return (
    <TextField
      {...rest}
      hint={`${hint ? `${hint}；` : ''}可写 2015.03.12 或 20150312`}
      inputMode="decimal"
      maxLength={16}
      value={shown}
      onValue={(v) => {
        setText(v);
        onValue(writtenDateAsIso(v) ?? v);
      }}
      onBlur={(e) => {
        setText(value);
        onBlur?.(e);
      }}
    />
  );
}
