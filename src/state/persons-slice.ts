// 群众档案 list state (persons.ts holds the actions, loaded with the screens that use them).
import { signal } from '@preact/signals';
import type { Person } from '../domain';

export function createPersonsSlice() {
  return {
    query: signal(''),
    /** Search hits, or the most recent profiles when the query is empty. */
    results: signal<Person[]>([]),
    loading: signal(false),
    /** Why the last search could not read the profiles (storage unreadable), or null. */
    error: signal<string | null>(null),
  };
}

export function resetPersons(state: { persons: ReturnType<typeof createPersonsSlice> }): void {
  state.persons.query.value = '';
  state.persons.results.value = [];
  state.persons.error.value = null;
}
