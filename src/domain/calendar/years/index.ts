// Add a year: copy a file, fill it from that year's 国务院办公厅 notice, list it here.
import type { HolidayYear } from '../types';
import { YEAR_2025 } from './2025';
import { YEAR_2026 } from './2026';

export const HOLIDAY_YEARS: readonly HolidayYear[] = [YEAR_2025, YEAR_2026];
