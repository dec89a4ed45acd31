// The human case number printed on the receipt: DB-<village>-<yyyymmdd>-<serial>, the day in
// China time. The tablet's serial is its device tag and a daily sequence (state/workbench).
import { chinaDate } from './dates';

export const caseNumber = (villageCode: string, at: number, serial: string) =>
  `DB-${villageCode}-${chinaDate(at).replaceAll('-', '')}-${serial}`;
