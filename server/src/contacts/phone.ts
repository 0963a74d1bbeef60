import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalises a phone number to E.164 (ITU-T E.164, e.g. `+14155550123`) with libphonenumber-js.
 *
 * @param raw as typed or exported by a phone: spaces, dashes, parentheses, `00` prefixes and `tel:` URIs are fine.
 * @param defaultRegion ISO 3166 alpha-2 region for numbers without a country code.
 * @returns the E.164 string, or null when the input is not a possible phone number.
 */
export function normalisePhone(raw: string, defaultRegion: string): string | null {
  const cleaned = raw.trim().replace(/^tel:/i, '').replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion as CountryCode);
  return parsed && parsed.isPossible() ? parsed.number : null;
}
