import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { multipart } from '../helpers/photos.js';
import { loopServer, patternPng, rawOf, rawRegion, type LoopServer } from '../helpers/region-fixtures.js';

/**
 * Limits of the share request: the image sent as multipart, the size cap
 * (KITH_FETCH_MAX_BYTES) on fetched, base64 and uploaded images alike, and the fetch deadline
 * (KITH_FETCH_TIMEOUT_MS) against a loopback server that stalls. Small caps are configured
 * so the tests move kilobytes and wait a fraction of a second; nothing asserts on timing.
 */
const CAP = 60_000;
const TIMEOUT_MS = 300;

describe.each(engines)('region share limits (%s)', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let images: LoopServer;
  let small: Buffer; // 120×90 pattern PNG, under the cap
  let big: Buffer; // 400×300 pattern PNG, over the cap
  const stalled: http.ServerResponse[] = [];
  const share = (imageUrl: string, over: Record<string, unknown> = {}) => ({
    pageUrl: 'http://blog.test/post',
    imageUrl,
    imageIndex: 0,
    rect: { x: 10, y: 20, width: 50, height: 40 },
    fraction: { x: 10 / 120, y: 20 / 90, width: 50 / 120, height: 40 / 90 },
    naturalWidth: 120,
    naturalHeight: 90,
    description: 'sent as bytes',
    target: 'kith',
    ...over,
  });
  const upload = async (fields: Record<string, string>, files: Parameters<typeof multipart>[0]) => {
    const { payload, headers } = await multipart(files, fields);
    return t.app.inject({ method: 'POST', url: '/api/region-shares/upload', payload, headers: { ...headers, cookie: alice.cookie } });
  };
  const assetCount = async () => (await t.container.db.selectFrom('asset').select('id').execute()).length;

  beforeAll(async () => {
    small = await patternPng(120, 90);
    big = await patternPng(400, 300);
    expect(small.length).toBeLessThan(CAP);
    expect(big.length).toBeGreaterThan(CAP);
    images = await loopServer((req, res) => {
      if (req.url === '/big.png')
        res.writeHead(200, { 'content-type': 'image/png' }).end(big); // declares its length
      else if (req.url === '/big-chunked.png') {
        res.writeHead(200, { 'content-type': 'image/png' }); // no Content-Length: the cap must bite while reading
        res.write(big.subarray(0, 40_000));
        res.end(big.subarray(40_000));
      } else if (req.url === '/stall')
        stalled.push(res); // accepts, never answers
      else if (req.url === '/stall-body') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(small.length) });
        res.write(small.subarray(0, 100)); // headers and a few bytes, then nothing
        stalled.push(res);
      } else if (req.url === '/login-wall.png') res.writeHead(403).end('log in first');
      else res.writeHead(404).end();
    });
    t = await createTestApp(engine, { fetchAllow: ['127.0.0.1/32'], fetchMaxBytes: CAP, fetchTimeoutMs: TIMEOUT_MS });
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => {
    await t?.close();
    await images?.close();
  });

  it('takes the image as multipart (a `share` JSON field and an `image` file), pixel-exact, and says it was uploaded', async () => {
    const res = await upload({ share: JSON.stringify(share(`${images.url}/login-wall.png`)) }, [
      { name: 'image', filename: 'photo.png', data: small, type: 'image/png' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const { share: s } = res.json();
    expect(s).toMatchObject({ imageSource: 'uploaded', rect: { x: 10, y: 20, width: 50, height: 40 }, description: 'sent as bytes' });
    const img = await t.app.inject({ method: 'GET', url: `/s/${s.id}/image.png` });
    expect((await rawOf(img.rawPayload)).data.equals(await rawRegion(small, s.rect))).toBe(true);
  });

  it('refuses a malformed multipart share with stable codes, storing nothing', async () => {
    const before = await assetCount();
    const png = [{ name: 'image', filename: 'p.png', data: small, type: 'image/png' }];
    const noFile = await upload({ share: JSON.stringify(share('http://x.test/a.png')) }, []);
    expect([noFile.statusCode, noFile.json().code]).toEqual([400, 'no_file']);
    const notJson = await upload({ share: '{nope' }, png);
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ code: 'invalid_request', details: { fields: [{ field: 'share' }] } });
    const noShare = await upload({}, png);
    expect(noShare.json()).toMatchObject({ code: 'invalid_request', details: { fields: [{ field: 'share' }] } });
    const badRect = await upload({ share: JSON.stringify(share('http://x.test/a.png', { rect: { x: 'left' } })) }, png);
    expect(badRect.statusCode).toBe(400);
    expect(badRect.json().details.fields.map((f: { field: string }) => f.field)).toContain('share.rect.x');
    const notImage = await upload({ share: JSON.stringify(share('http://x.test/a.png')) }, [
      { name: 'image', filename: 'a.html', data: Buffer.from('<html>hi</html>'), type: 'image/png' },
    ]);
    expect([notImage.statusCode, notImage.json().code]).toEqual([415, 'unsupported_media_type']);
    const json = await as(t.app, alice).post('/api/region-shares/upload', share('http://x.test/a.png'));
    expect([json.statusCode, json.json().code]).toEqual([415, 'unsupported_media_type']);
    expect(await assetCount()).toBe(before);
  });

  it('caps the image at KITH_FETCH_MAX_BYTES: 413 payload_too_large fetched (declared or streamed), as base64 and as multipart', async () => {
    const before = await assetCount();
    for (const url of [`${images.url}/big.png`, `${images.url}/big-chunked.png`]) {
      const res = await as(t.app, alice).post('/api/region-shares', share(url));
      expect(res.statusCode, url).toBe(413);
      expect(res.json()).toMatchObject({ code: 'payload_too_large', details: { limitBytes: CAP } });
    }
    // Base64: just over the cap is refused by the service; far over it, by the route's body limit first.
    const justOver = Buffer.concat([small, Buffer.alloc(CAP + 1 - small.length)]);
    for (const bytes of [justOver, big]) {
      const b64 = await as(t.app, alice).post(
        '/api/region-shares',
        share(`${images.url}/login-wall.png`, { imageData: bytes.toString('base64') }),
      );
      expect(b64.statusCode).toBe(413);
      expect(b64.json().code).toBe('payload_too_large');
    }
    const part = await upload({ share: JSON.stringify(share(`${images.url}/login-wall.png`)) }, [
      { name: 'image', filename: 'big.png', data: big, type: 'image/png' },
    ]);
    expect(part.statusCode).toBe(413);
    expect(part.json()).toMatchObject({ code: 'payload_too_large', details: { limitBytes: CAP } });
    expect(await assetCount()).toBe(before);
  });

  it('gives up a fetch at KITH_FETCH_TIMEOUT_MS: 422 image_unreachable, whether the server stalls before answering or mid-body', async () => {
    for (const path of ['/stall', '/stall-body']) {
      const res = await as(t.app, alice).post('/api/region-shares', share(`${images.url}${path}`));
      expect(res.statusCode, path).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'image_unreachable',
        details: { url: `${images.url}${path}`, reason: `no answer within ${TIMEOUT_MS} ms` },
      });
    }
    expect(stalled).toHaveLength(2); // both servers were really reached and left hanging
  });
});
