// Comparison that ignores how a value was typed: width, spaces, letter case and name-dot variants.
const DOTS = /[\u2022\u30FB\u2027\uFF0E\uFF65\u2219\u22C5.]/gu;

export const comparable = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '').replace(DOTS, '\u00B7').toUpperCase();
