import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { buildAbuseFixtures, type AbuseFixtures } from '../helpers/abuse-fixtures.js';
import { ROUTES } from '../helpers/abuse-routes.js';
import { call, credentials, operations } from '../helpers/abuse-call.js';

// docs/security.md "Cross-site requests": every unsafe operation of openapi.json, sent by its owner from a page of
// another origin (`Origin` and `Sec-Fetch-Site: same-site`, the case SameSite=Lax lets through). With the session
// cookie it is 403 `cross_origin_refused`, whatever the route (a scrobbler protocol says so in its own error shape);
// with another credential (an API token) it answers as usual. The check reads headers only: SQLite.
const FOREIGN = { origin: 'http://kith.test:8080', 'sec-fetch-site': 'same-site' };

describe('abuse: every unsafe operation from another origin', () => {
  let t: TestApp;
  let fx: AbuseFixtures;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { faceAnalysis: false });
    fx = await buildAbuseFixtures(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('refuses each one that the session cookie authenticates, and only those', async () => {
    const unsafe = operations.filter((op) => ROUTES[op] && !op.startsWith('GET '));
    const found: string[] = [];
    const cookieOf = (op: string) => {
      const auth = ROUTES[op].auth?.(fx, 'owner') ?? credentials(fx, 'owner');
      return 'cookie' in auth && !('authorization' in auth);
    };
    for (const op of unsafe) {
      const done = await call(t, fx, op, ROUTES[op], 'owner', undefined, undefined, FOREIGN);
      // A protocol answers errors in its own shape (Last.fm XML, Audioscrobbler lines): there, refused means
      // anything but the answer the owner gets from Kith itself.
      const usual = [ROUTES[op].expect.owner].flat().includes(done.res.statusCode);
      const refused = ROUTES[op].protocol ? !usual : done.res.statusCode === 403 && done.res.body.includes('"cross_origin_refused"');
      const want = cookieOf(op) || op.startsWith('POST /api/auth/');
      if (refused !== want)
        found.push(`${op}: ${done.res.statusCode} ${done.res.body.slice(0, 120)} (expected ${want ? '' : 'not '}refused)`);
    }
    console.log(`origin walk: ${unsafe.length} unsafe operations from another origin, ${found.length} problems`);
    expect(unsafe.length).toBeGreaterThan(60);
    expect(found).toEqual([]);
  }, 120_000);
});
