/** One year's official arrangement (国务院办公厅 holiday notice) as data. */
export interface HolidayYear {
  year: number;
  /** The notice it comes from, cited so a reviewer can check it. */
  source: string;
  /** Days off, as inclusive ranges `YYYY-MM-DD`. */
  holidays: readonly { name: string; from: string; to: string }[];
  /** Weekend days that are working days (调休上班). */
  workingWeekends: readonly { date: string; for: string }[];
}
