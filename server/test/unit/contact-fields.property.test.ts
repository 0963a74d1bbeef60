import fc from 'fast-check';
import { getCountries, getExampleNumber, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { cardToDraft, KITH_ADDRESS, normaliseEmail, normaliseKithAddress, normalisePhone, type ParsedCard } from '@kith/address-book';

/** ITU-T E.164: "+", a country code not starting with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;
const regions = getCountries();
const region = fc.constantFrom(...regions);
/** Real mobile numbers of every region libphonenumber knows (its own examples), as E.164. */
const realNumber = fc.constantFrom(...regions.map((r) => getExampleNumber(r as CountryCode, examples)).filter((n) => n !== undefined));
const anyText = fc.string({ unit: 'binary', maxLength: 30 });
const phoneish = fc.stringMatching(/^(tel:)?[+0]?[\d ()./-]{0,20}(ext\.? ?\d{1,4})?$/);

describe('phone numbers (property)', () => {
  it('anything a card may hold becomes E.164 or null, never something else, and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, phoneish), region, (raw, r) => {
        const e164 = normalisePhone(raw, r);
        if (e164 !== null) expect(e164).toMatch(E164);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent: an E.164 result reads back as itself in every region', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          phoneish,
          realNumber.map((n) => n.number as string),
        ),
        region,
        region,
        (raw, r1, r2) => {
          const once = normalisePhone(raw, r1);
          if (once !== null) expect(normalisePhone(once, r2)).toBe(once);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('spacing, dashes, parentheses, dots, "00" and "tel:" do not change the number', () => {
    const sep = fc.constantFrom('', ' ', '-', '.', ' - ');
    fc.assert(
      fc.property(
        realNumber,
        fc.array(sep, { minLength: 20, maxLength: 20 }),
        fc.constantFrom('+', '00', 'tel:+'),
        region,
        (n, seps, prefix, r) => {
          const digits = (n.number as string).slice(1);
          const written =
            prefix +
            [...digits]
              .map((d, i) => d + seps[i])
              .join('')
              .replace(/[ .-]+$/, '');
          expect(normalisePhone(written, r)).toBe(n.number);
          expect(normalisePhone(n.formatInternational(), r)).toBe(n.number);
          // A national number is read with the region it belongs to.
          expect(normalisePhone(n.formatNational(), n.country!)).toBe(n.number);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('contact fields (property)', () => {
  // Counterexample (found through kith share's fromKithAddress, which threw "Invalid URL"), kept as a regression.
  it('refuses a Kith address whose port is past 65535 or whose host is no URL host', () => {
    expect(normaliseKithAddress('bob@kith.example:65536')).toBeNull();
    expect(normaliseKithAddress('bob@kith.example:65535')).toBe('bob@kith.example:65535');
    expect(normaliseKithAddress('bob@a.0')).toBeNull(); // a last label of digits is read as an IPv4 address
    expect(normaliseKithAddress('bob@10.0.0.1')).toBe('bob@10.0.0.1');
  });

  const card = (over: Partial<ParsedCard>): ParsedCard => ({
    index: 1,
    line: 1,
    version: '4.0',
    name: 'A',
    phones: [],
    emails: [],
    urls: [],
    impps: [],
    kithAddresses: [],
    categories: [],
    photo: null,
    photoUri: null,
    uid: null,
    kind: 'individual',
    members: [],
    ...over,
  });

  it('a draft holds only E.164 phones, valid lower-case e-mails and a well-formed Kith address, without duplicates; a skip has a stable code', () => {
    const kithish = fc
      .tuple(fc.constantFrom('', 'kith:', 'KITH:'), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}@[a-z0-9.-]{1,12}(:\d{1,5})?$/))
      .map(([p, a]) => p + a);
    const values = fc.array(
      fc.oneof(
        anyText,
        phoneish,
        fc.emailAddress(),
        kithish,
        realNumber.map((n) => n.formatInternational()),
      ),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(
        fc.option(fc.string({ maxLength: 300 }), { nil: null }),
        values,
        values,
        values,
        values,
        fc.array(
          fc.record({ value: fc.oneof(fc.webUrl(), anyText, kithish), types: fc.array(fc.constantFrom('home', 'x-kith-album', 'work')) }),
          {
            maxLength: 3,
          },
        ),
        region,
        (name, phones, emails, kith, impps, urls, r) => {
          const { draft, skip, notes } = cardToDraft(card({ name, phones, emails, kithAddresses: kith, impps, urls }), r);
          expect(notes.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
          if (!draft) {
            expect(['no_name', 'invalid_phone']).toContain(skip!.code);
            return;
          }
          expect(draft.name.length).toBeGreaterThan(0);
          expect(draft.name.length).toBeLessThanOrEqual(200);
          for (const p of draft.phones) expect(p).toMatch(E164);
          for (const e of draft.emails) expect(normaliseEmail(e)).toBe(e);
          for (const list of [draft.phones, draft.emails, draft.urls]) expect(new Set(list).size).toBe(list.length);
          if (draft.kithAddress !== null) {
            expect(draft.kithAddress).toMatch(KITH_ADDRESS);
            // It must make a URL: kith share and routing build the album's origin from it.
            expect(() => new URL(`https://${draft.kithAddress!.split('@')[1]}`)).not.toThrow();
            expect(normaliseKithAddress(draft.kithAddress)).toBe(draft.kithAddress);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
