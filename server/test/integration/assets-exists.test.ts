import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { partyPhoto, postAssets } from '../helpers/photos.js';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

// `POST /api/assets/exists`: the bulk check `kith upload` makes before sending, on the real app and both engines.
describe.each(engines)('POST /api/assets/exists on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let photos: Buffer[];
  const ids: string[] = [];
  const exists = (user: TestUser, checksums: unknown, headers?: Record<string, string>) =>
    as(t.app, user).post('/api/assets/exists', { checksums }, headers);

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    photos = await Promise.all([1, 2, 3].map((n) => partyPhoto(n, { width: 320 })));
    for (const p of photos.slice(0, 2)) {
      const res = await postAssets(t.app, alice, [{ filename: 'p.jpg', data: p }]);
      expect(res.statusCode).toBe(200);
      ids.push(res.json().results[0].asset.id);
    }
  });
  afterAll(async () => t?.close());

  it('answers the checksums the caller has, with the asset id, in the order asked, each once', async () => {
    const [a, b, c] = photos.map(sha256);
    const res = await exists(alice, [c, b, a.toUpperCase(), b]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      existing: [
        { checksum: b, assetId: ids[1] },
        { checksum: a, assetId: ids[0] },
      ],
    });
  });

  it('counts only the caller’s own assets (upload deduplication is per owner)', async () => {
    const res = await exists(bob, photos.map(sha256));
    expect(res.statusCode).toBe(200);
    expect(res.json().existing).toEqual([]);
  });

  it('takes 1,000 checksums in one request, found among them', async () => {
    const many = Array.from({ length: 999 }, (_, i) => sha256(Buffer.from(`not a photo ${i}`)));
    many.splice(500, 0, sha256(photos[0]));
    const res = await exists(alice, many);
    expect(res.statusCode).toBe(200);
    expect(res.json().existing).toEqual([{ checksum: sha256(photos[0]), assetId: ids[0] }]);
  });

  it.each([
    ['an empty list', []],
    ['more than 1,000', Array.from({ length: 1001 }, () => '0'.repeat(64))],
    ['a digest that is not hex', ['z'.repeat(64)]],
    ['a digest of the wrong length (SHA-1)', ['a'.repeat(40)]],
    ['no list at all', 'abc'],
  ])('refuses %s with 400 invalid_request', async (_, checksums) => {
    const res = await exists(alice, checksums);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_request');
    expect(res.json().message).toMatch(/checksums/);
  });

  it('needs a principal, and an upload or read token is enough', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/assets/exists', payload: { checksums: ['0'.repeat(64)] } });
    expect(anonymous.statusCode).toBe(401);
    for (const scope of ['upload', 'read']) {
      const token = (await as(t.app, alice).post('/api/me/tokens', { name: scope, scope })).json().token;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/assets/exists',
        headers: { authorization: `Bearer ${token}` },
        payload: { checksums: [sha256(photos[1])] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().existing).toEqual([{ checksum: sha256(photos[1]), assetId: ids[1] }]);
    }
  });
});
