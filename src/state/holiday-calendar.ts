// The device's calendar: the built-in years plus the arrangements received by pull (cached in
// storage, so it works offline). `calendarRevision` changes on every install, so what shows a
// deadline (and its 未含…年节假日安排 mark) renders again with the new data.
import { asHolidayYear, installHolidayYears } from '../domain/calendar';
import { getHolidayYears } from '../storage/holidays';

import { calendarRevision } from './calendar-revision';
export { calendarRevision } from './calendar-revision';

/** At boot and after a pull that brought arrangements. */
export async function loadHolidayCalendar(): Promise<void> {
  const years = await getHolidayYears();
  installHolidayYears(years.map(asHolidayYear));
  calendarRevision.value++;
}
