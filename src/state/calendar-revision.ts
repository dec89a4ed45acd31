// Changes on every install of holiday data (holiday-calendar.ts), so what shows a deadline renders
// again; its own module so a deadline mark on the first screen does not load the installer.
import { signal } from '@preact/signals';

export const calendarRevision = signal(0);
