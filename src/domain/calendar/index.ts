export * from './calendar';
export { HOLIDAY_YEARS } from './years';
