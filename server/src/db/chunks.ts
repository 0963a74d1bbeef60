/**
 * Splits a list for multi-row statements: SQLite and PostgreSQL both cap the bound parameters
 * of one statement (32,766 and 65,535), so bulk inserts and IN lists go in slices.
 */
export function chunked<T>(xs: T[], size = 400): T[][] {
  return Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
}

/**
 * Runs `query` once per slice of `values` (see {@link chunked}) and concatenates the rows: an
 * `IN (…)` list of any length within both engines' parameter caps. Only for queries whose rows
 * need no order or limit across slices.
 */
export async function selectInChunks<T, R>(values: T[], query: (part: T[]) => Promise<R[]>, size = 400): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunked(values, size)) out.push(...(await query(part)));
  return out;
}
