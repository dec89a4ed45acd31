import { coverageNote, uncoveredYearsBetween } from '../../../domain/calendar/calendar';
import { calendarRevision } from '../../../state/calendar-revision';
import './calendar-mark.css';

/**
 * The visible mark of a deadline counted without some years' holidays (未含2027年节假日安排).
 * Either the years a server result names, or the span from `from` (default: `to`) to `to`.
 */
export function CalendarMark(props: { years: readonly number[] } | { from?: string | undefined; to: string }) {
  void calendarRevision.value; // renders again when the calendar data changes
  const years = 'years' in props ? props.years : uncoveredYearsBetween(props.from ?? props.to, props.to);
  const note = coverageNote(years);
  if (!note) return null;
  return (
    <span class="calendar-mark" role="note" title="这些年份的节假日尚未录入，期限按周一至周五计算，可能偏早">
      ⚠ {note}
    </span>
  );
}
