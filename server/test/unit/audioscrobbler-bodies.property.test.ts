import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { LISTEN_MINIMUM_TS } from '../../src/now-playing/compat/listenbrainz-validate.js';
import {
  audioscrobblerNowPlaying,
  audioscrobblerSubmission,
  handshakeAnswer,
  MAX_AUDIOSCROBBLER_SUBMISSIONS,
} from '../../src/now-playing/compat/scrobble-forms.js';
import { createScrobblerAuth, HANDSHAKE_SKEW_S } from '../../src/now-playing/compat/scrobbler-auth.js';

const NOW = 1_780_000_000_000;
const text = fc.string({ unit: 'binary', maxLength: 30 });
const nonBlank = text.filter((s) => s.trim() !== '');
const fieldName = fc.oneof(
  fc.constantFrom('s', 'a', 't', 'b', 'l', 'n', 'm'),
  fc.tuple(fc.constantFrom('a', 't', 'i', 'o', 'r', 'l', 'b', 'n', 'm'), fc.integer({ min: 0, max: 60 })).map(([k, i]) => `${k}[${i}]`),
);
const fieldValue = fc.oneof(text, fc.stringMatching(/^\d{1,22}$/), fc.constantFrom('P', 'R', 'E', 'L', 'U', 'S', 'B', ''));
const anyForm = fc.dictionary(fieldName, fieldValue, { maxKeys: 16 });

describe('Audioscrobbler 1.2 submission bodies (property)', () => {
  const track = fc.record({
    a: nonBlank,
    t: nonBlank,
    i: fc.integer({ min: LISTEN_MINIMUM_TS, max: NOW / 1000 }),
    o: fc.constantFrom('P', 'R', 'E', 'L'),
    r: fc.constantFrom('', 'L', 'S', 'B'),
    l: fc.integer({ min: 1, max: 86400 }),
    b: fc.option(text, { nil: undefined }),
  });

  it('reads back every rated track of a submission (skipped and banned left out), trimmed, ≤ 500 characters, times in ms', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: MAX_AUDIOSCROBBLER_SUBMISSIONS - 1 })),
        fc.array(track, { minLength: 50, maxLength: 50 }),
        (slots, tracks) => {
          const form: Record<string, string> = {};
          for (const i of slots) {
            const x = tracks[i];
            Object.assign(form, {
              [`a[${i}]`]: x.a,
              [`t[${i}]`]: x.t,
              [`i[${i}]`]: String(x.i),
              [`o[${i}]`]: x.o,
              [`r[${i}]`]: x.r,
              [`l[${i}]`]: String(x.l),
            });
            if (x.b !== undefined) form[`b[${i}]`] = x.b;
          }
          const out = audioscrobblerSubmission(form, NOW);
          if ('failed' in out) throw new Error(out.failed);
          const kept = [...slots].sort((x, y) => x - y).filter((i) => tracks[i].r !== 'S' && tracks[i].r !== 'B');
          expect(out.map((o) => o.listened_at)).toEqual(kept.map((i) => tracks[i].i * 1000));
          expect(out.map((o) => o.artist)).toEqual(kept.map((i) => tracks[i].a.trim().slice(0, 500)));
          expect(out.map((o) => o.title)).toEqual(kept.map((i) => tracks[i].t.trim().slice(0, 500)));
          expect(out.map((o) => o.duration_ms)).toEqual(kept.map((i) => tracks[i].l * 1000));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any form gives at most 50 listens of valid shape, or a one-line FAILED reason; np likewise', () => {
    fc.assert(
      fc.property(anyForm, (f) => {
        const out = audioscrobblerSubmission(f, NOW);
        const np = audioscrobblerNowPlaying(f);
        for (const r of [out, np]) if ('failed' in r) expect(r.failed).toMatch(/^[^\n]+$/);
        const plays = [...('failed' in out ? [] : out), ...('failed' in np ? [] : [{ ...np, listened_at: NOW }])];
        expect(plays.length).toBeLessThanOrEqual(MAX_AUDIOSCROBBLER_SUBMISSIONS + 1);
        for (const o of plays) {
          for (const s of [o.title, o.artist]) expect(s.length > 0 && s.length <= 500 && s === s.trim()).toBe(true);
          expect(o.duration_ms === null || (o.duration_ms! >= 1000 && o.duration_ms! <= 86_400_000)).toBe(true);
          expect(o.listened_at).toBeGreaterThanOrEqual(LISTEN_MINIMUM_TS * 1000);
          expect(o.listened_at).toBeLessThanOrEqual(NOW + 3600_000);
        }
      }),
      { numRuns: 3000 },
    );
  });

  // Counterexample, kept as a regression: a start time past PostgreSQL's bigint in ms (was a 500).
  it('refuses a start time outside 2002-10-01 … now with a FAILED line', () => {
    const f = { 'a[0]': 'A', 't[0]': 'T', 'o[0]': 'R', 'i[0]': '99999999999999999999' };
    expect(audioscrobblerSubmission(f, NOW)).toEqual({ failed: 'Track 0: i[0] is outside 2002-10-01 to now' });
  });
});

describe('Audioscrobbler 1.2 handshake and session ids (property)', () => {
  it('the handshake goes on to the credentials only with hs=true, p=1.2(.1), every parameter, and t within the skew; every answer is one line', () => {
    const query = fc.record(
      {
        hs: fc.constantFrom('true', 'false', 'TRUE'),
        p: fc.oneof(fc.constantFrom('1.2', '1.2.1', '1.1'), text),
        c: text,
        v: text,
        u: text,
        a: text,
        t: fc.oneof(fc.integer({ min: NOW / 1000 - 4000, max: NOW / 1000 + 4000 }).map(String), fc.stringMatching(/^-?\d{0,22}$/), text),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(query, (q) => {
        const answer = handshakeAnswer(q, NOW);
        const goesOn =
          q.hs === 'true' &&
          (q.p === '1.2' || q.p === '1.2.1') &&
          !!q.c &&
          !!q.v &&
          !!q.u &&
          !!q.a &&
          /^\d+$/.test(q.t ?? '') &&
          Math.abs(Number(q.t) - NOW / 1000) <= HANDSHAKE_SKEW_S;
        expect(answer === null).toBe(goesOn);
        if (answer !== null) expect(answer).toMatch(/^[^\n]+$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('a session id with any character changed, or any text at all, is refused without reaching the database', async () => {
    // The database is a trap: only a session whose HMAC is right may look its token up.
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('the database was reached');
        },
      },
    );
    const auth = createScrobblerAuth({ repo: trap as never, accounts: undefined as never, secret: 's'.repeat(32), config: {} as Config });
    const session = auth.issueSession('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002');
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }), text, async (at, ch, junk) => {
        const i = at % session.length;
        const changed = session.slice(0, i) + ch + session.slice(i + 1);
        fc.pre(changed !== session);
        await expect(auth.verifySession(changed)).resolves.toBeUndefined();
        await expect(auth.verifySession(junk)).resolves.toBeUndefined();
      }),
      { numRuns: 1500 },
    );
  });
});
