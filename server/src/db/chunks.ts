/**
 * Splits a list for multi-row statements: SQLite and PostgreSQL both cap the bound parameters
 * of one statement (32,766 and 65,535), so bulk inserts and IN lists go in slices.
 */
export function chunked<T>(xs: T[], size = 400): T[][] {
  return Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
}
