import fc from 'fast-check';
import { parse as parseForm } from 'fast-querystring'; // the parser @fastify/formbody uses for these bodies
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { LastfmError } from '../../src/now-playing/compat/lastfm-response.js';
import { lastfmNowPlaying, lastfmScrobbles, MAX_LASTFM_SCROBBLES } from '../../src/now-playing/compat/scrobble-forms.js';
import { createScrobblerAuth } from '../../src/now-playing/compat/scrobbler-auth.js';
import { LISTEN_MINIMUM_TS } from '../../src/now-playing/compat/listenbrainz-validate.js';

// Only the signature functions are used: they need the key pair, not the database.
const auth = createScrobblerAuth({
  repo: undefined as never,
  accounts: undefined as never,
  secret: 'x'.repeat(32),
  config: { lastfm: { apiKey: 'a'.repeat(32), sharedSecret: 'b'.repeat(32) } } as Config,
});
const NOW = 1_780_000_000_000;
/** No lone surrogate (String#isWellFormed, ES2024, is past this project's lib). */
const wellFormedText = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const text = fc.string({ unit: 'binary', maxLength: 30 });
const key = fc.oneof(
  fc.constantFrom('method', 'artist', 'track', 'album', 'timestamp', 'sk', 'api_key', 'artist[0]', 'track[3]', 'duration'),
  fc.string({ minLength: 1, maxLength: 12 }),
);
/** A parameter set as a client sends it (no api_sig yet). */
const params = fc.dictionary(
  key.filter((k) => !['api_sig', 'format', 'callback', '__proto__'].includes(k)),
  text,
  { minKeys: 1, maxKeys: 8 },
);
const signed = (p: Record<string, string>): Record<string, string> => ({ ...p, api_sig: auth.lastfmSignature(p) });

describe('Last.fm api_sig (property)', () => {
  it('a signed request verifies after form encoding and parsing, whatever its text and key order; format and callback are not signed', () => {
    fc.assert(
      fc.property(params, fc.constantFrom(undefined, 'json', 'xml'), fc.boolean(), (p, format, upper) => {
        const body = signed(p);
        if (upper) body.api_sig = body.api_sig.toUpperCase();
        const entries = Object.entries({ ...body, ...(format ? { format, callback: 'cb' } : {}) }).reverse();
        const parsed = parseForm(new URLSearchParams(entries).toString()) as Record<string, string>;
        // Lone surrogates cannot travel as UTF-8; what the client can send verifies.
        const wellFormed = Object.entries(p).every(([k, v]) => wellFormedText(k) && wellFormedText(v));
        if (wellFormed) expect(auth.verifyLastfmSignature(parsed)).toBe(true);
        expect(auth.verifyLastfmSignature(body)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a request with any parameter changed, added or removed', () => {
    fc.assert(
      fc.property(params, fc.nat(), text, key, fc.constantFrom('change', 'add', 'remove'), (p, which, v, k, how) => {
        const body = signed(p);
        const names = Object.keys(p);
        const name = names[which % names.length];
        if (how === 'change') {
          fc.pre(body[name] !== v);
          body[name] = v;
        } else if (how === 'add') {
          fc.pre(!(k in body) && !['format', 'callback', 'api_sig'].includes(k));
          body[k] = v;
        } else delete body[name];
        expect(auth.verifyLastfmSignature(body)).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('any api_sig text (non-ASCII, wrong length) is answered true or false, never an exception', () => {
    fc.assert(
      fc.property(params, fc.oneof(text, fc.string({ unit: 'binary', minLength: 32, maxLength: 32 })), (p, sig) => {
        expect(auth.verifyLastfmSignature({ ...p, api_sig: sig })).toBe(sig.toLowerCase() === auth.lastfmSignature(p));
      }),
      { numRuns: 1500 },
    );
  });

  // Counterexample the last property found: 32 two-byte characters made timingSafeEqual throw (→ 503 error 16).
  it('answers false for an api_sig of 32 non-ASCII characters', () => {
    expect(auth.verifyLastfmSignature({ method: 'track.scrobble', api_sig: 'é'.repeat(32) })).toBe(false);
  });
});

describe('Last.fm track.scrobble and track.updateNowPlaying bodies (property)', () => {
  const ts = fc.integer({ min: LISTEN_MINIMUM_TS, max: NOW / 1000 });
  const scrobble = fc.record({
    artist: text.filter((s) => s.trim() !== ''),
    track: text.filter((s) => s.trim() !== ''),
    timestamp: ts,
    album: fc.option(text),
    duration: fc.option(fc.integer({ min: -5, max: 100_000 })),
  });

  it('reads back every scrobble of a batch (indices 0–49), trimmed and cut to 500 characters, times in ms', () => {
    fc.assert(
      fc.property(fc.array(scrobble, { minLength: 1, maxLength: MAX_LASTFM_SCROBBLES }), fc.boolean(), (list, single) => {
        const items = single ? list.slice(0, 1) : list;
        const p: Record<string, string> = {};
        items.forEach((s, i) => {
          const name = (n: string) => (single ? n : `${n}[${i}]`);
          p[name('artist')] = s.artist;
          p[name('track')] = s.track;
          p[name('timestamp')] = String(s.timestamp);
          if (s.album !== null) p[name('album')] = s.album;
          if (s.duration !== null) p[name('duration')] = String(s.duration);
        });
        const out = lastfmScrobbles(p, NOW);
        expect(out).toHaveLength(items.length);
        out.forEach((o, i) => {
          expect(o.artist).toBe(items[i].artist.trim().slice(0, 500));
          expect(o.title).toBe(items[i].track.trim().slice(0, 500));
          expect(o.listened_at).toBe(items[i].timestamp * 1000);
          const d = items[i].duration;
          expect(o.duration_ms).toBe(d !== null && d >= 1 && d <= 86400 ? d * 1000 : null);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('any parameters give plays and listens of valid shape, or Last.fm error 6', () => {
    const anyParams = fc.dictionary(key, fc.oneof(text, fc.stringMatching(/^\d{1,25}$/)), { maxKeys: 10 });
    fc.assert(
      fc.property(anyParams, (p) => {
        for (const run of [() => lastfmScrobbles(p, NOW), () => [{ ...lastfmNowPlaying(p), listened_at: NOW }]]) {
          try {
            const out = run();
            expect(out.length).toBeGreaterThan(0);
            expect(out.length).toBeLessThanOrEqual(MAX_LASTFM_SCROBBLES);
            for (const o of out) {
              for (const s of [o.title, o.artist]) expect(s.length > 0 && s.length <= 500 && s === s.trim()).toBe(true);
              expect(
                o.duration_ms === null || (Number.isInteger(o.duration_ms) && o.duration_ms! >= 1000 && o.duration_ms! <= 86_400_000),
              ).toBe(true);
              expect(o.listened_at).toBeGreaterThanOrEqual(LISTEN_MINIMUM_TS * 1000);
              expect(o.listened_at).toBeLessThanOrEqual(NOW + 3600_000);
            }
          } catch (e) {
            expect(e).toBeInstanceOf(LastfmError);
            expect((e as LastfmError).code).toBe(6);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  // Counterexamples, kept as regressions: an unbounded title, and a timestamp past bigint.
  it('cuts a long track name to 500 characters and refuses a timestamp outside 2002-10-01 … now', () => {
    expect(lastfmNowPlaying({ artist: 'A', track: 'x'.repeat(10_000) }).title).toHaveLength(500);
    expect(() => lastfmScrobbles({ artist: 'A', track: 'T', timestamp: '99999999999999999999' }, NOW)).toThrow(LastfmError);
    expect(() => lastfmScrobbles({ artist: 'A', track: 'T', timestamp: '5' }, NOW)).toThrow(LastfmError);
  });
});
