import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_FIND_LINKS, loadConfig } from '../../src/config/config.js';
import { keyedHash, resolveServerSecret, SECRET_FILE } from '../../src/config/server-secret.js';
import { findLinks } from '../../src/now-playing/now-playing.mapper.js';

describe('now-playing configuration', () => {
  it('defaults: 10 minutes, MusicBrainz and a web search, in-memory realtime, secret from the data dir', () => {
    const c = loadConfig({});
    expect(c.nowPlayingDefaultMs).toBe(600_000);
    expect(c.findLinks).toEqual(DEFAULT_FIND_LINKS);
    expect(c.redisUrl).toBeUndefined();
    expect(c.secret).toBeUndefined();
  });

  it('reads the now-playing variables and lists every bad one', () => {
    const c = loadConfig({
      KITH_NOW_PLAYING_DEFAULT_MINUTES: '3',
      KITH_REDIS_URL: 'redis://127.0.0.1:6379',
      KITH_NOW_PLAYING_FIND_LINKS: '[{"label":"Discogs","url":"https://www.discogs.com/search/?q={query}"}]',
    });
    expect(c.nowPlayingDefaultMs).toBe(180_000);
    expect(c.findLinks).toEqual([{ label: 'Discogs', url: 'https://www.discogs.com/search/?q={query}' }]);
    let error: unknown;
    try {
      loadConfig({ KITH_SECRET: 'short', KITH_REDIS_URL: 'http://x', KITH_NOW_PLAYING_FIND_LINKS: 'not json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'KITH_NOW_PLAYING_FIND_LINKS',
      'KITH_REDIS_URL',
      'KITH_SECRET',
    ]);
  });

  it('creates the secret file once (mode 0600) and reads the same secret afterwards', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-secret-'));
    const a = resolveServerSecret(undefined, dir);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(resolveServerSecret(undefined, dir)).toBe(a);
    expect(resolveServerSecret('x'.repeat(40), dir)).toBe('x'.repeat(40));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keys hashes by secret and purpose', () => {
    expect(keyedHash('s1'.repeat(16), 'phone', '+14155550101')).not.toBe(keyedHash('s2'.repeat(16), 'phone', '+14155550101'));
    expect(keyedHash('s1'.repeat(16), 'phone', '+14155550101')).not.toBe(keyedHash('s1'.repeat(16), 'as-session', '+14155550101'));
  });

  it('builds "find it" links: source first, then templates with the URL-encoded "artist – title"', () => {
    const links = findLinks(
      { findLinks: [{ label: 'Search', url: 'https://s.example/?q={query}&a={artist}&t={title}' }] },
      { artist: 'AC/DC', title: 'T.N.T.', source_url: 'https://example.org/tnt' },
    );
    expect(links).toEqual([
      { label: 'Source', url: 'https://example.org/tnt' },
      { label: 'Search', url: 'https://s.example/?q=AC%2FDC%20%E2%80%93%20T.N.T.&a=AC%2FDC&t=T.N.T.' },
    ]);
  });
});
