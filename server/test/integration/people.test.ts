import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faceLabels, fixtureBytes, hasFaceFixtures } from '../helpers/face-fixtures.js';
import { multipart, postAssets, partyPath } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

interface PersonDto {
  id: string;
  name: string | null;
  displayName: string | null;
  isMe: boolean;
  hidden: boolean;
  faceCount: number;
  photoCount: number;
  coverUrl: string | null;
}

describe.each(engines)('people on %s', (engine) => {
  let t: TestApp;
  const upload = async (user: TestUser, name: string, data: Buffer) => {
    const res = await postAssets(t.app, user, [{ filename: name, data, type: 'image/jpeg' }]);
    expect(res.json().results[0].status).toBe('created');
    return res.json().results[0].asset.id as string;
  };
  const people = async (user: TestUser, hidden = false): Promise<PersonDto[]> =>
    (await as(t.app, user).get(`/api/people?hidden=${hidden}`)).json().people;
  const party1 = (width: number) => sharp(partyPath(1)).resize({ width }).jpeg({ quality: 90 }).toBuffer();

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
  });
  afterAll(async () => t?.close());

  describe('the same guests in several photos (party photo 1 at three sizes)', () => {
    let alice: TestUser;
    beforeAll(async () => {
      alice = await signup(t.app, 'alice');
      await upload(alice, 'big.jpg', await party1(1600));
      await t.container.jobs.drain();
    });

    it('leaves a face alone until a second photo of the person arrives, then forms people incrementally', async () => {
      expect(await people(alice)).toEqual([]);
      await upload(alice, 'medium.jpg', await party1(1200));
      await t.container.jobs.drain();
      const found = await people(alice);
      expect(found).toHaveLength(3);
      for (const p of found) expect(p).toMatchObject({ faceCount: 2, photoCount: 2, name: null, hidden: false });
      // A third photo joins the existing people (match against their faces), no new person.
      await upload(alice, 'small.jpg', await party1(1000));
      await t.container.jobs.drain();
      const after = await people(alice);
      expect(after.map((p) => p.id).sort()).toEqual(found.map((p) => p.id).sort());
      for (const p of after) expect(p.photoCount).toBe(3);
      const cover = await as(t.app, alice).get(after[0].coverUrl!);
      expect(cover.headers['content-type']).toBe('image/webp');
    });

    it('renames and hides a person; hidden people leave the list unless asked for', async () => {
      const [p] = await people(alice);
      const renamed = await as(t.app, alice).patch(`/api/people/${p.id}`, { name: 'Dana' });
      expect(renamed.json().person).toMatchObject({ name: 'Dana', displayName: 'Dana' });
      expect((await people(alice))[0].name).toBe('Dana'); // named people first
      await as(t.app, alice).patch(`/api/people/${p.id}`, { hidden: true });
      expect((await people(alice)).map((x) => x.id)).not.toContain(p.id);
      expect((await people(alice, true)).find((x) => x.id === p.id)?.hidden).toBe(true);
      await as(t.app, alice).patch(`/api/people/${p.id}`, { hidden: false });
      const faces = (
        await as(t.app, alice).get(`/api/assets/${(await as(t.app, alice).get(`/api/people/${p.id}/photos`)).json().items[0].id}/faces`)
      ).json().faces;
      expect(faces.map((f: { personName: string | null }) => f.personName)).toContain('Dana');
    });

    it("pages a person's photos, newest first", async () => {
      const [p] = await people(alice);
      const first = (await as(t.app, alice).get(`/api/people/${p.id}/photos?limit=2`)).json();
      expect(first.items).toHaveLength(2);
      const second = (await as(t.app, alice).get(`/api/people/${p.id}/photos?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...first.items, ...second.items].map((a: { id: string }) => a.id)).size).toBe(3);
    });

    it('splits chosen faces off into a new person and merges people back', async () => {
      const [p] = await people(alice);
      const faces = (await as(t.app, alice).get(`/api/people/${p.id}/faces`)).json().faces;
      expect(faces).toHaveLength(3);
      const split = await as(t.app, alice).post(`/api/people/${p.id}/split`, { faceIds: [faces[2].id], name: 'Not Dana' });
      expect(split.statusCode).toBe(201);
      const other = split.json().person as PersonDto;
      expect(other).toMatchObject({ name: 'Not Dana', faceCount: 1 });
      expect((await as(t.app, alice).get(`/api/people/${p.id}`)).json().person.faceCount).toBe(2);

      const all = await as(t.app, alice).post(`/api/people/${p.id}/split`, { faceIds: faces.slice(0, 2).map((f: { id: string }) => f.id) });
      expect(all.json().code).toBe('invalid_split');

      const merged = await as(t.app, alice).post(`/api/people/${p.id}/merge`, { personIds: [other.id] });
      expect(merged.json().person).toMatchObject({ name: 'Dana', faceCount: 3 });
      expect((await as(t.app, alice).get(`/api/people/${other.id}`)).statusCode).toBe(404);
      expect((await as(t.app, alice).post(`/api/people/${p.id}/merge`, { personIds: [p.id] })).json().code).toBe('invalid_merge');
    });

    it("links a person to a contact or to my account, and keeps other people's people private", async () => {
      const [p] = await people(alice);
      const contact = (await as(t.app, alice).post('/api/contacts', { name: 'Dana Contact' })).json().contact;
      const linked = await as(t.app, alice).patch(`/api/people/${p.id}`, { contactId: contact.id, name: null });
      expect(linked.json().person).toMatchObject({ contact: { id: contact.id, name: 'Dana Contact' }, displayName: 'Dana Contact' });
      const mine = await as(t.app, alice).patch(`/api/people/${p.id}`, { accountId: alice.id });
      expect(mine.json().person).toMatchObject({ isMe: true, contact: null });

      const bob = await signup(t.app, 'bob');
      expect((await as(t.app, bob).get(`/api/people/${p.id}`)).statusCode).toBe(404);
      expect((await as(t.app, bob).patch(`/api/people/${p.id}`, { name: 'x' })).statusCode).toBe(404);
      expect((await as(t.app, alice).patch(`/api/people/${p.id}`, { accountId: bob.id })).statusCode).toBe(404);
    });

    it('"Remove name" clears the name and the contact or account link in one call, as the web app sends it', async () => {
      // The body of NamePersonDialog's "Remove name" (web/src/screens/people/NamePersonDialog.tsx).
      const removeName = { name: null, contactId: null, accountId: null };
      const cleared = { name: null, displayName: null, contact: null, account: null, isMe: false, linkSource: null, linkConfirmed: false };
      const [p] = await people(alice);
      const contact = (await as(t.app, alice).post('/api/contacts', { name: 'Erin Contact' })).json().contact;
      await as(t.app, alice).patch(`/api/people/${p.id}`, { name: 'Erin', contactId: contact.id });
      expect((await as(t.app, alice).get(`/api/people/${p.id}`)).json().person).toMatchObject({
        name: 'Erin',
        contact: { id: contact.id },
      });
      const removed = await as(t.app, alice).patch(`/api/people/${p.id}`, removeName);
      expect(removed.statusCode).toBe(200);
      expect(removed.json().person).toMatchObject(cleared);
      expect((await as(t.app, alice).get(`/api/people/${p.id}`)).json().person).toMatchObject(cleared);

      // Linked to me ("This is me"), and named: both go too.
      await as(t.app, alice).patch(`/api/people/${p.id}`, { name: 'Me at the party', accountId: alice.id });
      expect((await as(t.app, alice).get(`/api/people/${p.id}`)).json().person).toMatchObject({ isMe: true, account: { id: alice.id } });
      expect((await as(t.app, alice).patch(`/api/people/${p.id}`, removeName)).json().person).toMatchObject(cleared);
      expect((await as(t.app, alice).get(`/api/people/${p.id}`)).json().person).toMatchObject(cleared);
      // Still a person of her People page, just unnamed.
      expect((await people(alice)).map((x) => x.id)).toContain(p.id);
    });
  });

  describe.skipIf(!hasFaceFixtures)('real identities (labelled fixture photos)', () => {
    const labels = faceLabels();
    // Partial faces are the engine's known hard cases (faces/test); they are left out here too.
    const files = Object.keys(labels).filter((f) => !f.includes('partial'));
    const heldBack = 'obama/obama2.jpg';

    it('clusters each person apart, places a later photo incrementally, and re-clusters the same way in full', async () => {
      const carol = await signup(t.app, 'carol');
      const assetLabel = new Map<string, string>();
      for (const f of files.filter((x) => x !== heldBack))
        assetLabel.set(await upload(carol, path.basename(f), fixtureBytes(f)), labels[f]);
      await t.container.jobs.drain();

      const labelsOf = async (p: PersonDto) => {
        const items = (await as(t.app, carol).get(`/api/people/${p.id}/photos?limit=500`)).json().items as Array<{ id: string }>;
        return items.map((a) => assetLabel.get(a.id));
      };
      const found = await people(carol);
      // Every person holds one identity only (no two people merged by mistake).
      for (const p of found) expect(new Set(await labelsOf(p)).size).toBe(1);
      const obama = found.find((p) => p.photoCount >= 5)!;
      expect(new Set(await labelsOf(obama))).toEqual(new Set(['obama']));

      const later = await upload(carol, 'obama2.jpg', fixtureBytes(heldBack));
      assetLabel.set(later, 'obama');
      await t.container.jobs.drain();
      const grown = (await people(carol)).find((p) => p.id === obama.id)!;
      expect(grown.photoCount).toBe(obama.photoCount + 1);

      // Full mode (what a re-index ends with): Chinese Whispers over every unassigned face gives the same groups.
      const groupsOf = async () => (await Promise.all((await people(carol)).map(async (p) => (await labelsOf(p)).sort().join()))).sort();
      const before = await groupsOf();
      await t.container.db.updateTable('face').set({ person_id: null }).where('owner_id', '=', carol.id).execute();
      await t.container.db.deleteFrom('person').where('owner_id', '=', carol.id).execute();
      await t.container.faces.analysis.placement.place(carol.id);
      expect(await groupsOf()).toEqual(before);
    });

    it('links the faces that match my own reference faces to my account', async () => {
      const barack = await signup(t.app, 'barack');
      const form = await multipart([{ filename: 'me.jpg', data: fixtureBytes('obama/obama.jpg'), type: 'image/jpeg' }]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/me/reference-faces',
        payload: form.payload,
        headers: { ...form.headers, cookie: barack.cookie },
      });
      expect(res.statusCode).toBe(201);
      await upload(barack, 'obama1.jpg', fixtureBytes('obama/obama1.jpg'));
      await upload(barack, 'biden.jpg', fixtureBytes('biden/biden.jpg'));
      await t.container.jobs.drain();
      // One photo is enough: a reference match starts a linked person at once.
      const found = await people(barack);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ isMe: true, photoCount: 1, displayName: 'barack' });
    });
  });
});
