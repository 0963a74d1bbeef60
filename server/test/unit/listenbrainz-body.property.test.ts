import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LISTEN_MINIMUM_TS,
  LISTENED_AT_ALLOWED_SKEW_S,
  ListenBrainzError,
  MAX_LISTENS_PER_REQUEST,
  MAX_TAG_SIZE,
  MAX_TAGS_PER_LISTEN,
  toListenInput,
  toPlayInput,
  validateSubmission,
} from '../../src/now-playing/compat/listenbrainz-validate.js';

const NOW_S = 1_780_000_000;
beforeEach(() => vi.useFakeTimers({ now: NOW_S * 1000, toFake: ['Date'] }));
afterEach(() => vi.useRealTimers());

const text = fc.string({ unit: 'binary', maxLength: 30 });
const nonBlank = text.filter((s) => s.trim() !== '');
const blank = fc.stringMatching(/^[ \t\n\u00a0\u3000]{1,4}$/);
const listenedAt = fc.integer({ min: LISTEN_MINIMUM_TS, max: NOW_S + LISTENED_AT_ALLOWED_SKEW_S });
const meta = fc.record(
  {
    artist_name: nonBlank,
    track_name: nonBlank,
    release_name: text,
    additional_info: fc.record(
      {
        duration_ms: fc.integer({ min: -10, max: 200_000_000 }),
        origin_url: fc.oneof(fc.webUrl(), text),
        media_player: text,
        recording_mbid: fc.uuid(),
        tags: fc.array(fc.string({ maxLength: MAX_TAG_SIZE }), { maxLength: MAX_TAGS_PER_LISTEN }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['artist_name', 'track_name'] },
);

/** Checks what validation promises and what the mapping to Kith makes of each listen. */
function expectValid(doc: unknown) {
  const raw = JSON.stringify(doc).length;
  const { listenType, payload } = validateSubmission(structuredClone(doc), raw);
  expect(payload.length).toBeGreaterThan(0);
  expect(payload.length).toBeLessThanOrEqual(listenType === 'import' ? MAX_LISTENS_PER_REQUEST : 1);
  for (const l of payload) {
    const play = listenType === 'playing_now' ? toPlayInput(l) : toListenInput(l);
    for (const s of [play.title, play.artist]) expect(typeof s === 'string' && s.length > 0 && s.length <= 500).toBe(true);
    expect(
      play.duration_ms === null || (Number.isInteger(play.duration_ms) && play.duration_ms! >= 1000 && play.duration_ms! <= 86_400_000),
    ).toBe(true);
    expect(play.source_url === null || /^https?:\/\//i.test(play.source_url!)).toBe(true);
    if ('listened_at' in play) {
      expect(play.listened_at).toBeGreaterThanOrEqual(LISTEN_MINIMUM_TS * 1000);
      expect(play.listened_at).toBeLessThanOrEqual((NOW_S + LISTENED_AT_ALLOWED_SKEW_S) * 1000);
    }
  }
  return { listenType, payload };
}

/** Valid or a 400 ListenBrainzError; nothing else. */
function validOr400(doc: unknown) {
  try {
    return expectValid(doc);
  } catch (e) {
    if (!(e instanceof ListenBrainzError)) throw e;
    expect(e.status).toBe(400);
    expect(e.message.length).toBeGreaterThan(0);
    return null;
  }
}

describe('ListenBrainz submit-listens bodies (property)', () => {
  it('accepts well-formed single / import / playing_now documents and maps each listen to a valid play', () => {
    const single = fc.record({
      listen_type: fc.constant('single'),
      payload: fc.tuple(fc.record({ listened_at: fc.oneof(listenedAt, listenedAt.map(String)), track_metadata: meta })),
    });
    const imported = fc.record({
      listen_type: fc.constant('import'),
      payload: fc.array(fc.record({ listened_at: listenedAt, track_metadata: meta }), { minLength: 1, maxLength: 30 }),
    });
    const now = fc.record({ listen_type: fc.constant('playing_now'), payload: fc.tuple(fc.record({ track_metadata: meta })) });
    fc.assert(
      fc.property(fc.oneof(single, imported, now), (doc) => {
        const { payload } = expectValid(doc);
        expect(payload).toHaveLength(doc.payload.length);
        payload.forEach((l, i) => {
          const sent = doc.payload[i] as { listened_at?: number | string };
          if (sent.listened_at !== undefined) expect(l.listened_at).toBe(Number(sent.listened_at));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('payload count: none, more than 1000, or more than one for single/playing_now is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom('single', 'import', 'playing_now'), fc.constantFrom(0, 1, 2, 5, 1000, 1001, 1500), (type, n) => {
        const listen =
          type === 'playing_now'
            ? { track_metadata: { artist_name: 'A', track_name: 'T' } }
            : { listened_at: NOW_S, track_metadata: { artist_name: 'A', track_name: 'T' } };
        const ok = validOr400({ listen_type: type, payload: Array.from({ length: n }, () => ({ ...listen })) });
        expect(ok !== null).toBe(n >= 1 && (type === 'import' ? n <= MAX_LISTENS_PER_REQUEST : n === 1));
      }),
      { numRuns: 200 },
    );
  });

  it('listened_at is accepted exactly from 2002-10-01 to one hour ahead of now', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e12, max: 1e12 }),
          fc.constantFrom(LISTEN_MINIMUM_TS - 1, LISTEN_MINIMUM_TS, NOW_S + 3600, NOW_S + 3601),
        ),
        (ts) => {
          const ok = validOr400({
            listen_type: 'single',
            payload: [{ listened_at: ts, track_metadata: { artist_name: 'A', track_name: 'T' } }],
          });
          expect(ok !== null).toBe(ts >= LISTEN_MINIMUM_TS && ts <= NOW_S + LISTENED_AT_ALLOWED_SKEW_S);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('any JSON value is accepted with valid plays or refused with a 400 ListenBrainzError', () => {
    const listenish = fc.record(
      {
        listened_at: fc.oneof(fc.integer(), fc.double(), fc.string(), listenedAt),
        track_metadata: fc.oneof(
          meta,
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ artist_name: fc.oneof(text, blank), track_name: fc.oneof(text, blank) }),
        ),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    );
    const names = fc.record({ artist_name: fc.oneof(text, blank), track_name: fc.oneof(text, blank) });
    const doc = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ listen_type: fc.constant('playing_now'), payload: fc.tuple(fc.record({ track_metadata: names })) }),
      fc.record({
        listen_type: fc.constant('import'),
        payload: fc.array(fc.record({ listened_at: listenedAt, track_metadata: names }), { minLength: 1, maxLength: 3 }),
      }),
      fc.record(
        {
          listen_type: fc.oneof(fc.constantFrom('single', 'import', 'playing_now'), fc.jsonValue({ maxDepth: 1 })),
          payload: fc.oneof(fc.array(listenish, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(doc, (d) => void validOr400(d)),
      { numRuns: 3000 },
    );
  });

  // Counterexample the last property found: a blank name passed validation and became a null title (NOT NULL → 500).
  it('refuses a track or artist name of white space only', () => {
    for (const m of [
      { artist_name: 'A', track_name: '  ' },
      { artist_name: '\t', track_name: 'T' },
    ])
      expect(() => validateSubmission({ listen_type: 'playing_now', payload: [{ track_metadata: m }] }, 100)).toThrow(ListenBrainzError);
  });
});
