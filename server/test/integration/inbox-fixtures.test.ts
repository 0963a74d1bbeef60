import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBytes, hasFaceFixtures } from '../helpers/face-fixtures.js';
import { packetFor, postXml } from '../helpers/inbox.js';
import { multipart } from '../helpers/photos.js';
import { createTestApp, signup, type TestApp } from '../helpers/test-app.js';

// Claim 6 anti-spam on labelled photos of real, distinct people (/work/shared/fixtures/faces, never copied
// into the repo): bob registers Obama's face as his reference face; photos with Obama are accepted, photos of others refused.
describe.skipIf(!hasFaceFixtures)('album inbox anti-spam on the labelled face fixtures', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { faceAnalysis: true, faceWorkers: 1 });
    const bob = await signup(t.app, 'bob');
    const form = await multipart([{ filename: 'obama.jpg', data: fixtureBytes('obama/obama.jpg'), type: 'image/jpeg' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/reference-faces',
      payload: form.payload,
      headers: { ...form.headers, cookie: bob.cookie },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it('accepts each photo showing the recipient (alone or in a group) and refuses the others, picture by picture', async () => {
    const files = ['obama/obama1.jpg', 'group/obama_and_biden.jpg', 'biden/biden.jpg', 'group/kit_with_rose.jpg', 'rose_leslie/img1.jpg'];
    const res = await postXml(
      t,
      'bob',
      packetFor(
        'bob',
        files.map((f) => ({ name: f.split('/').pop()!, bytes: fixtureBytes(f) })),
      ),
    );
    expect(res.statusCode).toBe(200);
    const results = res.json().pictures.map((p: { name: string; status: string; code?: string }) => [p.name, p.status, p.code ?? null]);
    expect(results).toEqual([
      ['obama1.jpg', 'accepted', null],
      ['obama_and_biden.jpg', 'accepted', null],
      ['biden.jpg', 'refused', 'face_not_found'],
      ['kit_with_rose.jpg', 'refused', 'face_not_found'],
      ['img1.jpg', 'refused', 'face_not_found'],
    ]);
  });
});
