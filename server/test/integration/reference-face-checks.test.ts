import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descriptorFromBytes } from '@kith/faces';
import { faceless, partyFaceCrop } from '../helpers/face-fixtures.js';
import { multipart, partyPath } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { crlf, fold } from '../helpers/vcards.js';

describe.each(engines)('reference faces with face analysis on %s', (engine) => {
  let t: TestApp;
  let me: TestUser;
  const send = async (user: TestUser, url: string, method: 'POST' | 'PUT', file: { filename: string; data: Buffer }) => {
    const form = await multipart([{ ...file, type: 'image/jpeg' }]);
    return t.app.inject({ method, url, payload: form.payload, headers: { ...form.headers, cookie: user.cookie } });
  };
  const addReferenceFace = (data: Buffer, filename = 'me.jpg') => send(me, '/api/me/reference-faces', 'POST', { filename, data });

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    me = await signup(t.app, 'reference-face-owner');
  });
  afterAll(async () => t?.close());

  it('stores the descriptor of a reference face with exactly one usable face; several are allowed', async () => {
    const first = await addReferenceFace(await partyFaceCrop(0), 'one.jpg');
    expect(first.statusCode).toBe(201);
    const second = await addReferenceFace(await partyFaceCrop(1), 'two.jpg');
    expect(second.statusCode).toBe(201);
    const rows = await t.container.db.selectFrom('reference_face').selectAll().where('account_id', '=', me.id).execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.model_version).toBe(t.container.faceAnalyser.modelVersion);
      expect(descriptorFromBytes(r.descriptor!).length).toBeGreaterThan(100);
    }
  });

  it('refuses a photo without a face: 422 no_face, naming the file', async () => {
    const res = await addReferenceFace(await faceless(), 'wall.jpg');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('no_face');
    expect(res.json().message).toMatch(/^wall\.jpg: No face was found/);
  });

  it('refuses a group photo: 422 several_faces', async () => {
    const res = await addReferenceFace(await sharp(partyPath(1)).jpeg().toBuffer(), 'party.jpg');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'several_faces', details: { faces: 3 } });
  });

  it("refuses faces whose eyes' outer corners are under 80 px apart: 422 face_too_small", async () => {
    // Party photo 1 at a third of its size: the faces' eye corners are ~35–40 px apart.
    const small = await sharp(partyPath(1)).resize({ width: 640 }).jpeg().toBuffer();
    const res = await addReferenceFace(small, 'small.jpg');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('face_too_small');
    expect(res.json().details.eyeDistancePx).toBeLessThan(80);
    expect(res.json().message).toMatch(/at least 80/);
  });

  it("keeps the largest face of a contact's photo and warns (tolerant); refuses one without a face", async () => {
    const contact = (await as(t.app, me).post('/api/contacts', { name: 'Party Guest' })).json().contact;
    const group = await send(me, `/api/contacts/${contact.id}/photo`, 'PUT', {
      filename: 'group.jpg',
      data: await sharp(partyPath(1)).jpeg().toBuffer(),
    });
    expect(group.statusCode).toBe(200);
    expect(group.json().warning).toMatch(/3 faces; the largest was kept/);
    expect(group.json().contact.photoUrl).toBe(`/api/contacts/${contact.id}/photo`);
    expect(contact.photoNote).toBeNull();
    expect(group.json().contact.photoNote).toMatch(/3 faces; the largest was kept/);
    const row = await t.container.db.selectFrom('contact_face').selectAll().where('contact_id', '=', contact.id).executeTakeFirstOrThrow();
    expect(row.descriptor).not.toBeNull();

    const none = await send(me, `/api/contacts/${contact.id}/photo`, 'PUT', { filename: 'wall.jpg', data: await faceless() });
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('no_face');
    // The refused photo changed nothing.
    const after = await t.container.db
      .selectFrom('contact_face')
      .selectAll()
      .where('contact_id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(after.photo_sha256).toBe(row.photo_sha256);
  });

  it('analyses a vCard PHOTO after import, keeping the largest face with a note', async () => {
    const photo = (await sharp(partyPath(1)).resize({ width: 1200 }).jpeg().toBuffer()).toString('base64');
    const vcf = crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Group Photo Friend', fold(`PHOTO;ENCODING=b;TYPE=JPEG:${photo}`), 'END:VCARD']);
    const res = await as(t.app, me).post('/api/contacts/import', vcf, { 'content-type': 'text/vcard' });
    expect(res.statusCode).toBe(200);
    const contactId = res.json().report.cards[0].contactId;
    await t.container.jobs.drain();
    const row = await t.container.db.selectFrom('contact_face').selectAll().where('contact_id', '=', contactId).executeTakeFirstOrThrow();
    expect(row.descriptor).not.toBeNull();
    expect(row.note).toMatch(/3 faces; the largest was kept/);
    // The note reaches the contact DTO (the contacts list shows it as a warning icon).
    const listed = (await as(t.app, me).get('/api/contacts')).json().contacts.find((c: { id: string }) => c.id === contactId);
    expect(listed.photoNote).toMatch(/3 faces; the largest was kept/);
  });
});
