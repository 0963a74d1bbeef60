/**
 * How Kith renders its times: stored as integer milliseconds since the epoch (UTC, docs/architecture.md "Data"),
 * answered as ISO 8601 strings in UTC (`2026-06-13T19:05:00.000Z`).
 */
export const iso = (ms: number) => new Date(ms).toISOString();

/** {@link iso} for an optional time: `null` stays `null`. */
export const isoOrNull = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
