import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('config', () => {
  it('gives the embedded defaults: port 2342, SQLite in ./data, invite-only sign-up, no SMTP', () => {
    const c = loadConfig({});
    expect(c.port).toBe(2342);
    expect(c.database).toEqual({ engine: 'sqlite', file: expect.stringMatching(/data\/kith\.db$/) });
    expect(c.signup).toBe('invite');
    expect(c.smtpUrl).toBeUndefined();
    expect(c.smtpFrom).toBe('Kith <kith@localhost>');
    expect(c.publicUrl).toBe('http://localhost:2342');
    expect(c.tokenCacheMs).toBe(10_000);
  });

  it('reads the SMTP transport and sender of verification e-mails, and refuses a URL that is not smtp(s)://', () => {
    const c = loadConfig({ KITH_SMTP_URL: 'smtps://kith:secret@mail.example.org:465', KITH_SMTP_FROM: 'Kith <no-reply@example.org>' });
    expect(c.smtpUrl).toBe('smtps://kith:secret@mail.example.org:465');
    expect(c.smtpFrom).toBe('Kith <no-reply@example.org>');
    expect(loadConfig({ KITH_PUBLIC_URL: 'https://photos.example.org' }).smtpFrom).toBe('Kith <kith@photos.example.org>');
    expect(() => loadConfig({ KITH_SMTP_URL: 'http://mail.example.org' })).toThrow(/KITH_SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it('reads the API-token cache time; 0 turns the cache off, above 300 s is refused', () => {
    expect(loadConfig({ KITH_TOKEN_CACHE_SECONDS: '0' }).tokenCacheMs).toBe(0);
    expect(loadConfig({ KITH_TOKEN_CACHE_SECONDS: '30' }).tokenCacheMs).toBe(30_000);
    expect(() => loadConfig({ KITH_TOKEN_CACHE_SECONDS: '301' })).toThrow(/KITH_TOKEN_CACHE_SECONDS/);
  });

  it('picks the face model: fusion by default, faceres on request, anything else refused', () => {
    expect(loadConfig({}).faceModel).toBe('faceplugin');
    expect(loadConfig({ KITH_FACE_MODEL: 'faceres' }).faceModel).toBe('faceres');
    expect(() => loadConfig({ KITH_FACE_MODEL: 'arcface' })).toThrow(/KITH_FACE_MODEL/);
  });

  it('reads PostgreSQL from KITH_DATABASE_URL, with the pool size and connect timeout (defaults 10, 2000 ms)', () => {
    expect(loadConfig({ KITH_DATABASE_URL: 'postgres://kith@db/kith' }).database).toEqual({
      engine: 'postgres',
      url: 'postgres://kith@db/kith',
      poolSize: 10,
      connectTimeoutMs: 2000,
    });
    const tuned = { KITH_DATABASE_URL: 'postgres://kith@db/kith', KITH_DATABASE_POOL_SIZE: '40', KITH_DATABASE_CONNECT_TIMEOUT_MS: '500' };
    expect(loadConfig(tuned).database).toMatchObject({ poolSize: 40, connectTimeoutMs: 500 });
    expect(() => loadConfig({ ...tuned, KITH_DATABASE_POOL_SIZE: '0' })).toThrow(/KITH_DATABASE_POOL_SIZE/);
  });

  it('lists every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({
        KITH_PORT: 'eighty',
        KITH_SIGNUP: 'maybe',
        KITH_DATABASE_URL: 'mysql://x',
        KITH_MAX_UPLOAD_BYTES: '-5',
        KITH_PUBLIC_URL: 'not a url',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const v of ['KITH_PORT', 'KITH_SIGNUP', 'KITH_DATABASE_URL', 'KITH_MAX_UPLOAD_BYTES', 'KITH_PUBLIC_URL'])
      expect(problems).toContain(v);
    expect((error as ConfigError).message).toContain('"eighty"');
  });
});
