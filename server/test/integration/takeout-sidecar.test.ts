import sharp from 'sharp';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { partyPath, partyPhoto } from '../helpers/photos.js';
import { insertPeople } from '../helpers/abuse-fixture-parts.js';

/** A party photo with no EXIF at all (sharp drops metadata when re-encoding). */
const bare = async (n: number, width = 320) =>
  sharp(await readFile(partyPath(n)))
    .resize({ width })
    .jpeg()
    .toBuffer();

/** `POST /api/assets` with parts in the given order: `['sidecar', json]` fields and `['file', name, bytes]` files. */
async function post(t: TestApp, user: TestUser, parts: Array<['sidecar' | 'event', string] | ['file', string, Buffer]>) {
  const form = new FormData();
  for (const p of parts)
    if (p[0] === 'file') form.append('file', new Blob([new Uint8Array(p[2])], { type: 'image/jpeg' }), p[1]);
    else form.append(p[0], p[1]);
  const res = new Response(form);
  return t.app.inject({
    method: 'POST',
    url: '/api/assets',
    payload: Buffer.from(await res.arrayBuffer()),
    headers: { 'content-type': res.headers.get('content-type')!, cookie: user.cookie },
  });
}

const sidecar = (s: Record<string, unknown>) => JSON.stringify(s);

describe.each(engines)('upload sidecar (Google Takeout metadata) on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => t?.close());

  it('fills capture time, place and caption a bare photo lacks, for the next file only', async () => {
    const res = await post(t, alice, [
      ['sidecar', sidecar({ capturedAt: '2019-07-14T18:30:00Z', latitude: 48.8584, longitude: 2.2945, description: 'Fireworks' })],
      ['file', 'IMG_1.jpg', await bare(1)],
      ['file', 'IMG_2.jpg', await bare(2)],
    ]);
    expect(res.statusCode).toBe(200);
    const [first, second] = res.json().results;
    expect(first.asset).toMatchObject({
      capturedAt: '2019-07-14T18:30:00.000Z',
      capturedAtSource: 'client',
      latitude: 48.8584,
      longitude: 2.2945,
      description: 'Fireworks',
    });
    expect(second.asset).toMatchObject({ capturedAtSource: 'upload', latitude: null, description: null });
  });

  it('never overrides what the file’s own EXIF says', async () => {
    const jpeg = await partyPhoto(3, { capturedAt: new Date('2026-06-13T19:30:00Z'), gps: { latitude: 52.52, longitude: 13.405 } });
    const res = await post(t, alice, [
      ['sidecar', sidecar({ capturedAt: '2001-01-01T00:00:00Z', latitude: 1, longitude: 1, description: 'From the sidecar' })],
      ['file', 'exif.jpg', jpeg],
    ]);
    const { asset } = res.json().results[0];
    expect(asset).toMatchObject({ capturedAt: '2026-06-13T19:30:00.000Z', capturedAtSource: 'exif', description: 'From the sidecar' });
    expect(asset.latitude).toBeCloseTo(52.52, 3);
  });

  it('fills a duplicate that lacked the metadata, and never overwrites it on a re-run', async () => {
    const bytes = await bare(4);
    const plain = (await post(t, alice, [['file', 'IMG_4.jpg', bytes]])).json().results[0];
    expect(plain.asset.capturedAtSource).toBe('upload');
    const again = (
      await post(t, alice, [
        ['sidecar', sidecar({ capturedAt: '2018-05-01T10:00:00+02:00', people: ['Alice Martin'] })],
        ['file', 'IMG_4.jpg', bytes],
      ])
    ).json().results[0];
    expect(again).toMatchObject({
      status: 'duplicate',
      asset: { id: plain.asset.id, capturedAt: '2018-05-01T08:00:00.000Z', capturedAtSource: 'client' },
    });
    const third = (
      await post(t, alice, [
        ['sidecar', sidecar({ capturedAt: '2000-01-01T00:00:00Z' })],
        ['file', 'IMG_4.jpg', bytes],
      ])
    ).json().results[0];
    expect(third.asset.capturedAt).toBe('2018-05-01T08:00:00.000Z');
  });

  it('refuses a bad sidecar with 400 invalid_sidecar', async () => {
    for (const bad of [
      'not json',
      sidecar({ latitude: 10 }),
      sidecar({ capturedAt: 'yesterday' }),
      sidecar({ people: [''] }),
      sidecar({ x: 1 }),
      sidecar({ capturedAt: '1800-01-01T00:00:00Z' }),
    ]) {
      const res = await post(t, alice, [
        ['sidecar', bad],
        ['file', 'x.jpg', await bare(5, 64)],
      ]);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_sidecar' });
      expect(res.json().message).toMatch(/sidecar/);
    }
  });

  it('keeps people’s names as suggestions on the person, never as their name', async () => {
    const res = await post(t, alice, [
      ['sidecar', sidecar({ people: ['Bob Stone', 'Carol Diaz', 'Bob Stone'] })],
      ['file', 'group1.jpg', await bare(6)],
      ['sidecar', sidecar({ people: ['Bob Stone'] })],
      ['file', 'group2.jpg', await bare(1, 400)],
    ]);
    const [a, b] = res.json().results.map((r: { asset: { id: string } }) => r.asset.id);
    const { personId, otherPersonId } = await insertPeople(t, alice.id, a);
    // person also appears in the second photo
    const other = await insertPeople(t, alice.id, b);
    await t.container.db.updateTable('face').set({ person_id: personId }).where('person_id', '=', other.personId).execute();

    const me = as(t.app, alice);
    const sug = await me.get(`/api/people/${personId}/name-suggestions`);
    expect(sug.statusCode).toBe(200);
    expect(sug.json()).toEqual({
      suggestions: [
        { name: 'Bob Stone', photos: 2 },
        { name: 'Carol Diaz', photos: 1 },
      ],
    });
    expect((await me.get(`/api/people/${otherPersonId}/name-suggestions`)).json().suggestions).toHaveLength(2);
    expect((await me.get(`/api/people/${personId}`)).json().person.name).toBeNull();

    const bob = await signup(t.app, 'bob');
    const theirs = await as(t.app, bob).get(`/api/people/${personId}/name-suggestions`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('not_found');
  });
});
