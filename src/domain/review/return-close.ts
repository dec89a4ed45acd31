// A case returned for correction (退回补正) that the applicant never brings back: after the
// configured number of working days the reviewer may close it (视为放弃申请), with a reason.
import { addWorkingDays } from '../calendar';

export interface ReturnCloseWindow {
  returnedOn: string;
  /** First day the reviewer may close the case. */
  closableFrom: string;
  closable: boolean;
}

export function returnCloseWindow(returnedOn: string, waitDays: number, today: string): ReturnCloseWindow {
  const closableFrom = addWorkingDays(returnedOn, waitDays);
  return { returnedOn, closableFrom, closable: today >= closableFrom };
}
