import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../../src/config/config.js';
import { createAddressPolicy, parseCidrList } from '../../src/net/address-policy.js';

/** Whole-number variables and the ranges config.ts documents for them. */
const INTS: Record<string, [number, number]> = {
  KITH_PORT: [0, 65535],
  KITH_MAX_UPLOAD_BYTES: [1, 10 * 1024 ** 3],
  KITH_EVENT_GAP_MINUTES: [1, 7 * 24 * 60],
  KITH_TOKEN_CACHE_SECONDS: [0, 300],
  KITH_FACE_MAX_SIDE: [256, 4096],
  KITH_INBOX_MAX_PICTURES: [1, 1000],
  KITH_FETCH_TIMEOUT_MS: [100, 120_000],
};
const NAMES = [
  ...Object.keys(INTS),
  'KITH_HOST',
  'KITH_DATA_DIR',
  'KITH_DATABASE_URL',
  'KITH_PUBLIC_URL',
  'KITH_SIGNUP',
  'KITH_DEFAULT_PHONE_REGION',
  'KITH_FACE_ANALYSIS',
  'KITH_FACE_MODEL',
  'KITH_TRUST_PROXY',
  'KITH_FETCH_ALLOW',
  'KITH_SECRET',
  'KITH_REDIS_URL',
  'KITH_NOW_PLAYING_FIND_LINKS',
  'KITH_LASTFM_API_KEY',
  'KITH_LASTFM_SHARED_SECRET',
  'KITH_LOG_LEVEL',
];
/** Values people write: right ones, near misses, and garbage. */
const envValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: -10, max: 200_000 }).map(String),
  fc.stringMatching(/^\d{1,25}$/),
  fc.constantFrom(
    '',
    'sqlite:',
    'sqlite:/tmp/k.db',
    'postgres://kith@db/kith',
    'http://kith.example/',
    'https://kith.example',
    'open',
    'invite',
    'closed',
    'DE',
    'on',
    'off',
    'true',
    'false',
    '10.0.0.0/8,::1',
    'redis://127.0.0.1:6379',
    '[{"label":"X","url":"https://x.example/?q={query}"}]',
    'abcdef0123456789',
    'x'.repeat(32),
    'debug',
  ),
);
const env = fc.dictionary(fc.constantFrom(...NAMES), envValue, { maxKeys: 8 });

function expectSane(c: Config) {
  expect(Number.isInteger(c.port) && c.port >= 0 && c.port <= 65535).toBe(true);
  expect(path.isAbsolute(c.dataDir)).toBe(true);
  expect(c.publicUrl).toMatch(/^https?:\/\//);
  expect(c.publicUrl.endsWith('/')).toBe(false);
  if (c.database.engine === 'sqlite') {
    expect(path.isAbsolute(c.database.file)).toBe(true);
    // A file, not the working directory itself ("sqlite:" with no path).
    expect(c.database.file).not.toBe(process.cwd());
  } else expect(c.database.url).toMatch(/^postgres(ql)?:\/\//);
  expect(['open', 'invite', 'closed']).toContain(c.signup);
  expect(c.defaultPhoneRegion).toMatch(/^[A-Z]{2}$/);
  for (const v of [c.maxUploadBytes, c.maxImagePixels, c.eventGapMs, c.sessionTtlMs, c.tokenCacheMs, c.inboxMaxPictures])
    expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
  expect(c.lastfm === undefined || (/^[A-Za-z0-9]{8,64}$/.test(c.lastfm.apiKey) && /^[A-Za-z0-9]{8,64}$/.test(c.lastfm.sharedSecret))).toBe(
    true,
  );
  expect(c.secret === undefined || c.secret.length >= 32).toBe(true);
  expect(() => parseCidrList(c.fetchAllow)).not.toThrow();
}

describe('configuration from the environment (property)', () => {
  it('any KITH_* environment gives a sane Config or a ConfigError naming each bad variable, nothing else', () => {
    fc.assert(
      fc.property(env, (e) => {
        try {
          expectSane(loadConfig(e));
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          const problems = (err as ConfigError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(NAMES.some((n) => p.startsWith(`${n}:`))).toBe(true);
          // Each variable that is bad on its own is named.
          for (const [k, v] of Object.entries(e)) {
            let alone = true;
            try {
              loadConfig({ [k]: v });
            } catch {
              alone = false;
            }
            if (!alone) expect(problems.some((p) => p.startsWith(`${k}:`))).toBe(true);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('whole-number variables are read exactly inside their range and refused outside it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(INTS)),
        fc.integer({ min: -5, max: 11 * 1024 ** 3 }),
        fc.nat({ max: 3 }),
        (name, n, zeros) => {
          const [min, max] = INTS[name];
          const written = n < 0 ? String(n) : '0'.repeat(zeros) + String(n);
          let ok = true;
          try {
            loadConfig({ [name]: written });
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigError);
            ok = false;
          }
          expect(ok).toBe(n >= min && n <= max);
          if (ok && name === 'KITH_PORT') expect(loadConfig({ [name]: written }).port).toBe(n);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('KITH_FETCH_ALLOW: CIDR lists parse back to the ranges written, anything else is an Error naming the entry', () => {
    const v4 = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, n]) => `${a}/${n}`);
    const v6 = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, n]) => `${a}/${n}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(v4, v6, fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 12 })), { maxLength: 5 }), (list) => {
        try {
          const cidrs = parseCidrList(list);
          expect(cidrs.length).toBe(list.filter((s) => s.trim()).length);
          const policy = createAddressPolicy(cidrs);
          for (const [addr] of cidrs) expect(policy.refusal(addr.toString())).toBeUndefined();
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          expect((e as Error).message).toMatch(/is not an IP address or CIDR range/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  // Counterexample, kept as a regression: "sqlite:" alone pointed the database at the working directory.
  it('refuses KITH_DATABASE_URL=sqlite: without a file', () => {
    expect(() => loadConfig({ KITH_DATABASE_URL: 'sqlite:' })).toThrow(ConfigError);
  });
});
