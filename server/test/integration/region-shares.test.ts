import crypto from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { loopServer, patternPng, rawOf, rawRegion, type LoopServer } from '../helpers/region-fixtures.js';

const PAGE = 'http://blog.test/post/1';

describe.each(engines)('region shares (%s)', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let images: LoopServer;
  let pattern: Buffer;
  let oriented: Buffer;
  const body = (over: Record<string, unknown> = {}) => ({
    pageUrl: PAGE,
    imageUrl: `${images.url}/pattern.png`,
    imageIndex: 2,
    rect: { x: 40, y: 30, width: 120, height: 90 },
    fraction: { x: 40 / 320, y: 30 / 240, width: 120 / 320, height: 90 / 240 },
    naturalWidth: 320,
    naturalHeight: 240,
    description: 'The <b>interesting</b> part',
    target: 'kith',
    ...over,
  });

  beforeAll(async () => {
    pattern = await patternPng(320, 240);
    // Stored 240×160, EXIF orientation 6: browsers show it 160×240.
    oriented = await sharp(await patternPng(240, 160))
      .jpeg({ quality: 92 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    images = await loopServer((req, res) => {
      if (req.url === '/pattern.png') res.writeHead(200, { 'content-type': 'image/png' }).end(pattern);
      else if (req.url === '/oriented.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(oriented);
      else if (req.url === '/login-wall.png') res.writeHead(403).end('log in first');
      else res.writeHead(404).end();
    });
    t = await createTestApp(engine, { fetchAllow: ['127.0.0.1/32'] });
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => {
    await t?.close();
    await images?.close();
  });

  it('fetches, crops pixel-exact, stores in the library and the "Shared regions" album, and publishes /s/{id}', async () => {
    const res = await as(t.app, alice).post('/api/region-shares', body());
    expect(res.statusCode, res.body).toBe(201);
    const { share, rectSource } = res.json();
    expect(rectSource).toBe('pixels');
    expect(share).toMatchObject({ imageSource: 'fetched', rect: { x: 40, y: 30, width: 120, height: 90 }, imageIndex: 2, target: 'kith' });
    expect(share.delivery.status).toBe('delivered');

    const img = await t.app.inject({ method: 'GET', url: `/s/${share.id}/image.png` });
    expect(img.statusCode).toBe(200);
    expect(img.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const got = await rawOf(img.rawPayload);
    expect([got.width, got.height]).toEqual([120, 90]);
    expect(got.data.equals(await rawRegion(pattern, share.rect))).toBe(true);

    const albums = (await as(t.app, alice).get('/api/albums')).json().albums as Array<{ id: string; name: string; assetCount: number }>;
    const album = albums.find((a) => a.name === 'Shared regions')!;
    expect(album.assetCount).toBe(1);
    const detail = (await as(t.app, alice).get(`/api/albums/${album.id}`)).json().album;
    expect(detail.assets[0].id).toBe(share.assetId);

    const page = await t.app.inject({ method: 'GET', url: `/s/${share.id}` });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain(`<meta property="og:image" content="http://kith.test/s/${share.id}/image.png">`);
    expect(page.body).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page.body).toContain('The &lt;b&gt;interesting&lt;/b&gt; part');
    expect(page.body).not.toContain('<b>interesting</b>');
  });

  it('honours EXIF orientation: the rectangle is in the displayed (rotated) image', async () => {
    const rect = { x: 20, y: 100, width: 100, height: 120 };
    const res = await as(t.app, alice).post(
      '/api/region-shares',
      body({
        imageUrl: `${images.url}/oriented.jpg`,
        rect,
        fraction: { x: 0.125, y: 100 / 240, width: 100 / 160, height: 0.5 },
        naturalWidth: 160,
        naturalHeight: 240,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().share.natural).toEqual({ width: 160, height: 240 });
    const img = await t.app.inject({ method: 'GET', url: `/s/${res.json().share.id}/image.png` });
    expect((await rawOf(img.rawPayload)).data.equals(await rawRegion(oriented, rect))).toBe(true);
  });

  it('uses the fractions when the fetched image is another size than the client saw (srcset)', async () => {
    // The client saw a 640×480 candidate; the server got the 320×240 one.
    const res = await as(t.app, alice).post(
      '/api/region-shares',
      body({ naturalWidth: 640, naturalHeight: 480, rect: { x: 80, y: 60, width: 240, height: 180 } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rectSource: 'fractions', share: { rect: { x: 40, y: 30, width: 120, height: 90 } } });
  });

  it('clamps a rectangle that overhangs the image, and refuses empty or outside ones with 422 invalid_region', async () => {
    const over = await as(t.app, alice).post(
      '/api/region-shares',
      body({
        rect: { x: 300, y: 200, width: 100, height: 100 },
        fraction: { x: 300 / 320, y: 200 / 240, width: 100 / 320, height: 100 / 240 },
      }),
    );
    expect(over.json().share.rect).toEqual({ x: 300, y: 200, width: 20, height: 40 });
    for (const rect of [
      { x: 10, y: 10, width: 0, height: 50 },
      { x: 400, y: 10, width: 50, height: 50 },
    ]) {
      const res = await as(t.app, alice).post(
        '/api/region-shares',
        body({ rect, fraction: { x: rect.x / 320, y: 10 / 240, width: rect.width / 320, height: 50 / 240 } }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('invalid_region');
    }
  });

  it('takes the image bytes from the client when the server cannot fetch it, and says so', async () => {
    const url = `${images.url}/login-wall.png`;
    const refused = await as(t.app, alice).post('/api/region-shares', body({ imageUrl: url }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'image_unreachable', details: { status: 403 } });
    const res = await as(t.app, alice).post(
      '/api/region-shares',
      body({ imageUrl: url, imageData: pattern.toString('base64'), rect: { x: 0, y: 0, width: 10, height: 10 } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().share.imageSource).toBe('uploaded');
    const notImage = await as(t.app, alice).post('/api/region-shares', body({ imageData: Buffer.from('<html>').toString('base64') }));
    expect(notImage.statusCode).toBe(415);
  });

  it('names the crop after the image even when its URL holds a malformed % escape', async () => {
    const res = await as(t.app, alice).post(
      '/api/region-shares',
      body({
        imageUrl: 'https://images.example/%zz.png',
        imageData: pattern.toString('base64'),
        rect: { x: 1, y: 1, width: 8, height: 8 },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const asset = await t.container.assets.findById(res.json().share.assetId);
    expect(asset?.original_name).toBe('%zz-region.png');
  });

  it('refuses a target the user has not linked with 422 target_unavailable, and lists the enabled ones', async () => {
    const res = await as(t.app, alice).post('/api/region-shares', body({ target: 'mastodon' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('target_unavailable');
    const targets = (await as(t.app, alice).get('/api/region-shares/targets')).json();
    expect(targets.targets.map((x: { id: string }) => x.id)).toEqual(['kith', 'pinterest']);
    const pin = await as(t.app, alice).post('/api/region-shares', body({ target: 'pinterest' }));
    const u = new URL(pin.json().share.delivery.url);
    expect(u.origin + u.pathname).toBe('https://www.pinterest.com/pin/create/button/');
    expect(u.searchParams.get('media')).toBe(pin.json().share.imageUrl);
    expect(u.searchParams.get('url')).toBe(PAGE);
  });

  it('posts a signed webhook, retrying with backoff until the endpoint accepts it', async () => {
    const received: Array<{ body: string; sig: string; ts: string }> = [];
    const hook = await loopServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        received.push({ body: data, sig: String(req.headers['x-kith-signature']), ts: String(req.headers['x-kith-timestamp']) });
        res.writeHead(received.length === 1 ? 503 : 204).end(); // first attempt fails
      });
    });
    try {
      const link = await as(t.app, alice).put('/api/connectors/webhook', { url: `${hook.url}/hook` });
      const { secret } = link.json();
      expect((await as(t.app, alice).get('/api/connectors')).json().webhook).toEqual({ url: `${hook.url}/hook` });
      const row = await t.container.db.selectFrom('connector_link').selectAll().where('kind', '=', 'webhook').executeTakeFirstOrThrow();
      expect(row.secret_sealed).not.toContain(secret);

      const res = await as(t.app, alice).post('/api/region-shares', body({ target: 'webhook' }));
      expect(res.json().share.delivery.status).toBe('queued');
      await t.container.jobs.drain();
      expect(received).toHaveLength(2);
      const last = received[1];
      const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(`${last.ts}.${last.body}`).digest('hex');
      expect(last.sig).toBe(expected);
      const payload = JSON.parse(last.body);
      expect(payload).toMatchObject({
        event: 'region.shared',
        share: { id: res.json().share.id, description: 'The <b>interesting</b> part', pageUrl: PAGE },
      });
      const after = (await as(t.app, alice).get(`/api/region-shares/${res.json().share.id}`)).json().share;
      expect(after.delivery).toEqual({ status: 'delivered', url: null, error: null });
    } finally {
      await hook.close();
    }
  });

  it('lets anonymous visitors share with a site key from its origins only, with strict CORS', async () => {
    const created = await as(t.app, alice).post('/api/site-keys', { name: 'blog', origins: ['http://blog.test/'], targets: ['kith'] });
    expect(created.statusCode, created.body).toBe(201);
    const key = created.json().siteKey.key as string;
    expect(created.json().siteKey.origins).toEqual(['http://blog.test']);
    const post = (origin: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/region-shares', payload: body(), headers: { origin, 'x-kith-site-key': key, ...headers } });

    const ok = await post('http://blog.test');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers['access-control-allow-origin']).toBe('http://blog.test');
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
    const share = await t.container.repos.regionShares.findById(ok.json().share.id);
    expect(share?.owner_id).toBe(alice.id);

    const evil = await post('http://evil.test');
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('origin_not_allowed');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect((await post('http://blog.test', { 'x-kith-site-key': 'ks_nope' })).json().code).toBe('invalid_site_key');

    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/api/region-shares',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-kith-site-key' },
      });
    expect((await preflight('http://blog.test')).headers['access-control-allow-origin']).toBe('http://blog.test');
    expect((await preflight('http://evil.test')).headers['access-control-allow-origin']).toBeUndefined();
    const own = await preflight('http://kith.test');
    expect(own.headers['access-control-allow-credentials']).toBe('true');

    // A session cookie is honoured from Kith's own origin only.
    const csrf = await as(t.app, alice).post('/api/region-shares', body(), { origin: 'http://evil.test' });
    expect(csrf.statusCode).toBe(403);
    expect((await as(t.app, alice).post('/api/region-shares', body(), { origin: 'http://kith.test' })).statusCode).toBe(201);
  });
});
