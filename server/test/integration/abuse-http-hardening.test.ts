import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { partyPhoto, postAssets } from '../helpers/photos.js';
import { patternPng } from '../helpers/region-fixtures.js';

// Abuse and authorisation (docs/architecture.md): security headers, cookie flags and CORS, and the shape of
// error answers. Headers do not depend on the database engine, so this runs on SQLite only.
const EVIL = 'https://evil.example';
const SITE = 'http://blog.test';
const DAY_MS = 24 * 3600_000;

/** A region-share request with the image bytes inline (no network). */
async function shareBody() {
  const png = await patternPng(64, 48);
  return {
    pageUrl: `${SITE}/post/1`,
    imageUrl: `${SITE}/p.png`,
    imageIndex: 0,
    rect: { x: 0, y: 0, width: 32, height: 24 },
    fraction: { x: 0, y: 0, width: 0.5, height: 0.5 },
    naturalWidth: 64,
    naturalHeight: 48,
    target: 'kith',
    imageData: png.toString('base64'),
  };
}

/** The helmet headers every kind of answer carries (server/src/http/app.ts). */
function expectHelmet(res: LightMyRequestResponse, https: boolean) {
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['x-powered-by']).toBeUndefined();
  if (https) {
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=(\d{8,}); includeSubDomains$/);
    expect(csp).toContain('upgrade-insecure-requests');
  } else {
    // On plain http HSTS is meaningless, and upgrade-insecure-requests breaks a LAN install reached by http.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(csp).not.toContain('upgrade-insecure-requests');
  }
}

describe.each([
  ['http', 'http://kith.test'],
  ['https', 'https://kith.example'],
] as const)('HTTP hardening (%s public URL)', (scheme, publicUrl) => {
  const https = scheme === 'https';
  let t: TestApp;
  let alice: TestUser;
  let assetId: string;
  let shareId: string;
  let siteKey: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { publicUrl, sessionTtlMs: 7 * DAY_MS });
    alice = await signup(t.app, 'alice');
    const up = await postAssets(t.app, alice, [{ filename: 'p.jpg', data: await partyPhoto(1), type: 'image/jpeg' }]);
    assetId = up.json().results[0].asset.id;
    await t.container.jobs.drain();
    const share = await as(t.app, alice).post('/api/region-shares', await shareBody());
    expect(share.statusCode, share.body).toBe(201);
    shareId = share.json().share.id;
    const key = await as(t.app, alice).post('/api/site-keys', { name: 'blog', origins: [SITE], targets: ['kith'] });
    siteKey = key.json().siteKey.key;
  });
  afterAll(async () => t?.close());

  it('sends the security headers on HTML, API JSON, images and errors', async () => {
    const get = (url: string) => as(t.app, alice).get(url);
    const html = await get(`/s/${shareId}`);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expectHelmet(html, https);
    expect(html.headers['cross-origin-opener-policy']).toBe('same-origin');

    const json = await get('/api/me');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expectHelmet(json, https);
    expect(json.headers['cross-origin-resource-policy']).toBe('same-origin');

    for (const kind of ['original', 'thumbnail']) {
      const image = await get(`/api/assets/${assetId}/${kind}`);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toMatch(/^image\//);
      expectHelmet(image, https);
      // Library images are never embeddable by other sites.
      expect(image.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
    // The public crop is meant to be embedded (Open Graph cards, the sharing site).
    const crop = await get(`/s/${shareId}/image.png`);
    expectHelmet(crop, https);
    expect(crop.headers['cross-origin-resource-policy']).toBe('cross-origin');

    const relay = await get('/embed/relay');
    expectHelmet(relay, https);
    expect(relay.headers['cross-origin-opener-policy']).toBe('unsafe-none'); // it talks to the page that opened it

    expectHelmet(await get('/api/nope'), https);
    expectHelmet(await t.app.inject({ method: 'GET', url: '/api/me' }), https); // 401
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, Secure on https, expiring after KITH_SESSION_TTL_DAYS', async () => {
    const before = Date.now();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'password123' } });
    const after = Date.now();
    const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('kith_session='));
    expect(raw).toBeDefined();
    const cookie = res.cookies.find((c) => c.name === 'kith_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(cookie.domain).toBeUndefined(); // host-only
    expect(Boolean(cookie.secure)).toBe(https);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43,}$/); // 256 random bits
    const expires = (cookie.expires as Date).getTime();
    // Expires has second precision.
    expect(expires).toBeGreaterThanOrEqual(Math.floor((before + 7 * DAY_MS) / 1000) * 1000);
    expect(expires).toBeLessThanOrEqual(after + 7 * DAY_MS);

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `kith_session=${cookie.value}` } });
    const cleared = out.cookies.find((c) => c.name === 'kith_session')!;
    expect(cleared.value).toBe('');
    expect((cleared.expires as Date).getTime()).toBeLessThan(before);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `kith_session=${cookie.value}` } })).statusCode).toBe(
      401,
    );
  });

  it('answers no cross-origin request on the API with Access-Control-Allow-Origin', async () => {
    const preflight = (url: string, method: string, origin = EVIL) =>
      t.app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
      });
    for (const [url, method] of [
      ['/api/me', 'GET'],
      ['/api/contacts', 'POST'],
      [`/api/assets/${assetId}`, 'DELETE'],
      ['/api/auth/login', 'POST'],
      ['/inbox/alice', 'POST'],
    ]) {
      const res = await preflight(url, method);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
      expect(res.headers['access-control-allow-credentials'], url).toBeUndefined();
    }
    const read = await t.app.inject({ method: 'GET', url: '/api/me', headers: { origin: EVIL, cookie: alice.cookie } });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();

    // A cross-site form (the only cross-origin POST without a preflight) with the cookie is refused by its
    // Origin before its body is read (403 `cross_origin_refused`, docs/security.md "Cross-site requests").
    // Behind that, the media types still hold: urlencoded and plain text are 415, multipart (parsed for upload
    // routes) fails validation, as a request without Origin shows.
    for (const [type, status, code] of [
      ['application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
      ['text/plain', 415, 'unsupported_media_type'],
      ['multipart/form-data; boundary=x', 400, 'invalid_request'],
    ] as const) {
      const forge = (origin: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: '/api/contacts',
          payload: type.startsWith('multipart')
            ? '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nForged\r\n--x--\r\n'
            : 'name=Forged',
          headers: { 'content-type': type, cookie: alice.cookie, ...origin },
        });
      const forged = await forge({ origin: EVIL });
      expect([type, forged.statusCode, forged.json().code]).toEqual([type, 403, 'cross_origin_refused']);
      const plain = await forge({});
      expect([type, plain.statusCode, plain.json().code]).toEqual([type, status, code]);
    }
    expect((await as(t.app, alice).get('/api/contacts')).json().contacts).toEqual([]);
  });

  it('lets region-share routes answer only registered site origins and Kith itself', async () => {
    const kith = new URL(publicUrl).origin;
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/api/region-shares',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-kith-site-key' },
      });
    const allowed = await preflight(SITE);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(SITE);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined(); // site keys never carry cookies
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('x-kith-site-key');
    const refused = await preflight(EVIL);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const own = await preflight(kith);
    expect(own.headers['access-control-allow-origin']).toBe(kith);
    expect(own.headers['access-control-allow-credentials']).toBe('true');

    const post = (origin: string) =>
      shareBody().then((payload) =>
        t.app.inject({ method: 'POST', url: '/api/region-shares', payload, headers: { origin, 'x-kith-site-key': siteKey } }),
      );
    const ok = await post(SITE);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers['access-control-allow-origin']).toBe(SITE);
    const evil = await post(EVIL);
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('origin_not_allowed');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const targets = await t.app.inject({
      method: 'GET',
      url: '/api/region-shares/targets',
      headers: { origin: EVIL, cookie: alice.cookie },
    });
    expect(targets.statusCode).toBe(403); // a session from another origin is refused too (CSRF)
    expect(targets.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers malformed, oversized, mistyped and unknown requests with a status and a stable code', async () => {
    const post = (payload: string | Buffer, type = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/api/contacts', payload, headers: { 'content-type': type, cookie: alice.cookie } });
    const cases: Array<[LightMyRequestResponse, number, string]> = [
      [await as(t.app, alice).get('/api/nope'), 404, 'not_found'],
      [await t.app.inject({ method: 'GET', url: '/api/nope' }), 404, 'not_found'],
      [await t.app.inject({ method: 'DELETE', url: '/api/me' }), 404, 'not_found'],
      [await post(JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) })), 413, 'payload_too_large'],
      [await post('{"name": "Eve",'), 400, 'invalid_request'],
      [await post(''), 400, 'invalid_request'],
      [await post('name=Eve', 'text/plain'), 415, 'unsupported_media_type'],
      [await post('<name>Eve</name>', 'application/xml'), 415, 'unsupported_media_type'],
      [await post(JSON.stringify({ name: 42 })), 400, 'invalid_request'],
      [await as(t.app, alice).get('/api/assets/not-a-uuid'), 400, 'invalid_request'],
      // A path segment over Fastify's maxParamLength (100): 414 URI Too Long with a code, not the raw FST_ERR_MAX_PARAM_LENGTH.
      [await as(t.app, alice).get(`/api/assets/${'a'.repeat(101)}`), 414, 'param_too_long'],
      [await t.app.inject({ method: 'GET', url: `/s/${'a'.repeat(200)}` }), 414, 'param_too_long'],
      // More form fields than the multipart limit (100): 413 `too_many_fields`, not `invalid_request`.
      [
        await postAssets(t.app, alice, [], Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 'x']))),
        413,
        'too_many_fields',
      ],
      // A NUL in a text field (PostgreSQL's text cannot hold it): 400 before anything is stored (abuse-nul-walk.test.ts walks every route).
      [await post(JSON.stringify({ name: 'a\u0000b' })), 400, 'invalid_request'],
      [
        await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a\u0000b', password: 'password123' } }),
        400,
        'invalid_request',
      ],
    ];
    for (const [res, status, code] of cases) {
      expect(res.statusCode, res.body).toBe(status);
      const body = res.json();
      expect(body.code).toBe(code);
      expect(typeof body.message).toBe('string');
      expect(Object.keys(body).filter((k) => !['code', 'message', 'details'].includes(k))).toEqual([]);
      expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|\/work\//);
    }
  });

  it('hides what failed behind 500 `internal_error`: no stack, no message, no path', async () => {
    const original = t.container.contacts.list;
    t.container.contacts.list = async () => {
      throw new Error('SQLITE_CORRUPT in /srv/kith/data/kith.db at secret.ts:12');
    };
    try {
      const res = await as(t.app, alice).get('/api/contacts');
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: 'internal_error', message: 'Something went wrong on the server; it has been logged.' });
    } finally {
      t.container.contacts.list = original;
    }
  });
});
