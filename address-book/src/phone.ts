import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalises a phone number to E.164 (ITU-T E.164, e.g. `+14155550123`) with libphonenumber-js.
 *
 * A number with a country code (`+…`, `00…`, `tel:+…`) only has to be a possible number. A number
 * without one is read in `defaultRegion` only when libphonenumber's `isValid()` accepts it there:
 * a local number from abroad (`08-123 456 78`, Stockholm) would otherwise become an impossible
 * `+10812345678`. Such a number gets null here; see {@link readPhone} to keep it as written.
 *
 * @param raw as typed or exported by a phone: spaces, dashes, parentheses, `00` prefixes and `tel:` URIs are fine.
 * @param defaultRegion ISO 3166 alpha-2 region for numbers without a country code.
 * @returns the E.164 string, or null when the input is not a possible phone number (or, without a
 *          country code, not a valid one of `defaultRegion`).
 */
export function normalisePhone(raw: string, defaultRegion: string): string | null {
  const r = readPhone(raw, defaultRegion);
  return 'e164' in r ? r.e164 : null;
}

/** What {@link readPhone} made of a number. */
export type PhoneReading =
  | { e164: string }
  /** A possible number without a country code that is not valid in the default region: keep it as written, never guess. */
  | { asWritten: string; note: string }
  | { unreadable: true };

/**
 * Reads a phone number as {@link normalisePhone} does, telling a local number from abroad (kept as
 * written, with a note saying what to add) from text that is no phone number at all.
 */
export function readPhone(raw: string, defaultRegion: string): PhoneReading {
  const cleaned = raw.trim().replace(/^tel:/i, '').replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion as CountryCode);
  if (!parsed || !parsed.isPossible()) return { unreadable: true };
  if (cleaned.startsWith('+') || parsed.isValid()) return { e164: parsed.number };
  return { asWritten: raw.trim(), note: `not a valid number for ${defaultRegion}; add the country code` };
}
