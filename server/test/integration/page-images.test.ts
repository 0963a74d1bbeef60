import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { loopServer, patternPng, type LoopServer } from '../helpers/region-fixtures.js';

/**
 * `GET /api/region-shares/page-images` against real HTML pages served on loopback (allowed by
 * KITH_FETCH_ALLOW like the other region-share tests): og:image, <img src>, the largest srcset
 * candidate, relative paths resolved against <base href>, duplicates and non-http URLs dropped; and the
 * errors a person sees: not a page, a host that does not answer, a private address, not a URL.
 * The route touches no table, so one engine (SQLite) is enough.
 */
const ARTICLE = `<!doctype html><html><head>
<title>Summer  &amp; sea</title>
<meta property="og:image" content="/media/cover.jpg">
<meta name="twitter:image" content="https://cdn.example.org/card.png">
<base href="/gallery/">
</head><body>
<img src="a.jpg" alt="The harbour" width="640" height="480">
<img src="small.jpg" srcset="small.jpg 320w, large.jpg 1280w, medium.jpg 800w" alt="Boats">
<img src="../media/cover.jpg" alt="Cover again">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">
<img srcset="dense.jpg, dense-2x.jpg 2x">
<img src="javascript:alert(1)">
</body></html>`;

describe('page images for region sharing from a shared link', () => {
  let t: TestApp;
  let alice: TestUser;
  let site: LoopServer;
  let closedPort: number;
  let png: Buffer;
  const list = (url: string, cookie: string | undefined = alice.cookie) =>
    t.app.inject({
      method: 'GET',
      url: `/api/region-shares/page-images?url=${encodeURIComponent(url)}`,
      headers: cookie ? { cookie } : {},
    });

  beforeAll(async () => {
    png = await patternPng(40, 30);
    site = await loopServer((req, res) => {
      if (req.url === '/gallery/a.jpg') return res.writeHead(200, { 'content-type': 'text/html' }).end(png); // a wrong type: sharp decides
      if (req.url === '/logo.svg')
        return res
          .writeHead(200, { 'content-type': 'image/svg+xml' })
          .end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      if (req.url === '/post') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
      else if (req.url === '/moved') res.writeHead(302, { location: '/post' }).end();
      else if (req.url === '/photo.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.alloc(100));
      else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>gone</h1>');
    });
    // A port that was just free: nothing listens there, so connecting is refused.
    closedPort = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    t = await createTestApp('sqlite', { fetchAllow: ['127.0.0.1/32'], fetchTimeoutMs: 5000 });
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
  });

  it('lists og:image, twitter:image, each <img> (largest srcset candidate, then src) resolved against <base>, once each', async () => {
    const res = await list(`${site.url}/moved`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.pageUrl).toBe(`${site.url}/post`); // after the redirect
    expect(body.title).toBe('Summer & sea');
    expect(body.images).toEqual([
      { url: `${site.url}/media/cover.jpg`, alt: '' },
      { url: 'https://cdn.example.org/card.png', alt: '' },
      { url: `${site.url}/gallery/a.jpg`, alt: 'The harbour', width: 640, height: 480 },
      { url: `${site.url}/gallery/large.jpg`, alt: 'Boats' },
      { url: `${site.url}/gallery/small.jpg`, alt: 'Boats' },
      { url: `${site.url}/gallery/dense-2x.jpg`, alt: '' },
    ]);
  });

  it('answers 422 not_html for a link to a picture, in words', async () => {
    const res = await list(`${site.url}/photo.jpg`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'not_html' });
    expect(res.json().message).toMatch(/is not a web page \(it is image\/jpeg\)/);
  });

  it('answers 502 page_unreachable when nothing answers, or the page is an error', async () => {
    const refused = await list(`http://127.0.0.1:${closedPort}/post`);
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toMatchObject({ code: 'page_unreachable' });
    expect(refused.json().message).toMatch(/could not open/);
    const missing = await list(`${site.url}/nope`);
    expect(missing.statusCode).toBe(502);
    expect(missing.json().message).toMatch(/HTTP 404/);
  });

  it('refuses a private address (blocked_address), a non-URL (400) and strangers (401)', async () => {
    const blocked = await list('http://192.168.1.20/admin');
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json()).toMatchObject({ code: 'blocked_address', details: { range: 'private' } });
    const bad = await list('ftp://example.org/x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/http:\/\/ or https:\/\//);
    expect((await list(`${site.url}/post`, '')).statusCode).toBe(401);
  });

  it('serves a picture for the preview from its own origin, with the type sharp finds, and refuses what is not a raster image', async () => {
    const get = (url: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/region-shares/page-image?url=${encodeURIComponent(url)}`,
        headers: { cookie: alice.cookie },
      });
    const ok = await get(`${site.url}/gallery/a.jpg`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect(ok.headers['content-security-policy']).toBe("default-src 'none'");
    expect(ok.rawPayload.equals(png)).toBe(true);
    for (const path of ['/logo.svg', '/post']) {
      const refused = await get(`${site.url}${path}`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'not_an_image' });
    }
    expect((await get('http://10.1.2.3/p.png')).json()).toMatchObject({ code: 'blocked_address' });
    expect((await get(`${site.url}/missing.png`)).statusCode).toBe(502);
  });
});
