import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { cardPhoto } from '../helpers/vcards.js';

describe.each(engines)('reference faces on %s', (engine) => {
  let t: TestApp;
  let face1: Buffer;
  let face2: Buffer;
  const upload = async (user: TestUser, files: Array<{ filename: string; data: Buffer; type?: string }>) => {
    const form = await multipart(files.map((f, i) => ({ name: `face${i}`, ...f })));
    return t.app.inject({
      method: 'POST',
      url: '/api/me/reference-faces',
      payload: form.payload,
      headers: { ...form.headers, cookie: user.cookie },
    });
  };
  const tempFiles = () => fs.readdirSync(path.join(t.config.dataDir, 'tmp'));

  beforeAll(async () => {
    t = await createTestApp(engine);
    face1 = await cardPhoto(1, 320);
    face2 = await sharp(await cardPhoto(4, 400))
      .png()
      .toBuffer();
  });
  afterAll(async () => t?.close());

  it('stores reference faces from one multipart request, lists them and serves their bytes', async () => {
    const me = await signup(t.app, 'face-owner');
    const res = await upload(me, [
      { filename: 'me.jpg', data: face1, type: 'image/jpeg' },
      { filename: 'me2.png', data: face2, type: 'image/png' },
    ]);
    expect(res.statusCode).toBe(201);
    const { faces } = res.json();
    expect(faces).toMatchObject([
      { width: 320, height: 320, mime: 'image/jpeg' },
      { width: 400, height: 400, mime: 'image/png' },
    ]);
    expect((await as(t.app, me).get('/api/me/reference-faces')).json().faces.map((f: { id: string }) => f.id)).toEqual(
      faces.map((f: { id: string }) => f.id),
    );
    const img = await as(t.app, me).get(`/api/me/reference-faces/${faces[1].id}/image`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(face2)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('gives the existing face back for the same image instead of a copy', async () => {
    const me = await signup(t.app, 'face-again');
    const first = (await upload(me, [{ filename: 'a.jpg', data: face1 }])).json().faces[0];
    const again = await upload(me, [
      { filename: 'b.jpg', data: face1 },
      { filename: 'c.jpg', data: face1 },
    ]);
    expect(again.json().faces.map((f: { id: string }) => f.id)).toEqual([first.id, first.id]);
    expect((await as(t.app, me).get('/api/me/reference-faces')).json().faces).toHaveLength(1);
  });

  it('adds nothing when one file is not an image, and names the file', async () => {
    const me = await signup(t.app, 'face-bad');
    const res = await upload(me, [
      { filename: 'good.jpg', data: face1 },
      { filename: 'notes.txt', data: Buffer.from('these are not the pixels you are looking for'), type: 'text/plain' },
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'unsupported_media_type', details: { filename: 'notes.txt' } });
    expect(res.json().message).toMatch(/^notes\.txt: /);
    const truncated = await upload(me, [{ filename: 'cut.jpg', data: face1.subarray(0, face1.length >> 1) }]);
    expect(truncated.statusCode).toBe(422);
    expect(truncated.json().code).toBe('invalid_image');
    expect((await as(t.app, me).get('/api/me/reference-faces')).json().faces).toEqual([]);
    expect(tempFiles()).toEqual([]);
  });

  it('answers 400 no_files for an empty form and 415 for a non-multipart body', async () => {
    const me = await signup(t.app, 'face-empty');
    const empty = await multipart([], { note: 'no files here' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/reference-faces',
      payload: empty.payload,
      headers: { ...empty.headers, cookie: me.cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('no_files');
    const json = await as(t.app, me).post('/api/me/reference-faces', { image: 'x' });
    expect(json.statusCode).toBe(415);
  });

  it("deletes a face; another user's face is 404 not_found", async () => {
    const owner = await signup(t.app, 'face-deleter');
    const other = await signup(t.app, 'face-other');
    const [face] = (await upload(owner, [{ filename: 'me.jpg', data: face1 }])).json().faces;
    for (const res of [
      await as(t.app, other).get(`/api/me/reference-faces/${face.id}/image`),
      await as(t.app, other).delete(`/api/me/reference-faces/${face.id}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    expect((await as(t.app, other).get('/api/me/reference-faces')).json().faces).toEqual([]);
    expect((await as(t.app, owner).delete(`/api/me/reference-faces/${face.id}`)).statusCode).toBe(204);
    expect((await as(t.app, owner).get(`/api/me/reference-faces/${face.id}/image`)).statusCode).toBe(404);
    expect((await as(t.app, owner).get('/api/me/reference-faces')).json().faces).toEqual([]);
    expect((await t.app.inject({ url: '/api/me/reference-faces' })).statusCode).toBe(401);
  });
});
