export * from './calendar';
export { HOLIDAY_YEARS } from './years';
export * from './arrangement';
export * from './notice';
export * from './month-grid';
