import { z } from 'zod';

/*
 * Building blocks of the `KITH_*` environment schema. Each variable carries its documentation as
 * zod metadata (https://zod.dev/metadata): `description` (what it does, units, errors), and where the
 * schema alone cannot say it, `shownDefault` (a default computed at start, e.g. from the core count)
 * and `valueType`. `server/src/scripts/write-config-docs.ts` turns them into docs/configuration.md.
 */
declare module 'zod' {
  interface GlobalMeta {
    /** The default as docs/configuration.md shows it, when it is not a literal `.default()` (computed or derived). */
    shownDefault?: string;
    /** The accepted values as docs/configuration.md shows them, e.g. `integer 1–64`. */
    valueType?: string;
  }
}

/** A whole number written in decimal, read inside `[min, max]` (both inclusive). */
export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ valueType: `integer ${min}–${max}` });

/** An absolute http(s) URL. */
export const httpUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).meta({ valueType: 'http(s) URL' });
