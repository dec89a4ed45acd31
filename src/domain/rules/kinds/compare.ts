// Comparison that ignores how a value was typed: width, spaces, letter case and name-dot variants.
import { NAME_DOT_LOOK_ALIKES } from '../../validators/normalise';

export const comparable = (s: string) =>
  s.normalize('NFKC').replace(/\s+/gu, '').replace(NAME_DOT_LOOK_ALIKES, '\u00B7').toUpperCase();
