export * from './calendar';
export type { HolidayYear } from './types';
export { HOLIDAY_YEARS } from './years';
