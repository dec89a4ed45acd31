// JSON columns are TEXT in both SQLite and PostgreSQL: written and read only through these two.
export const toJson = (value: unknown): string => JSON.stringify(value);
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;
