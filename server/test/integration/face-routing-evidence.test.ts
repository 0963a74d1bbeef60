import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBytes, hasFaceFixtures, partyFaceCrop } from '../helpers/face-fixtures.js';
import { multipart, partyPath, postAssets } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

interface EvidenceJson {
  kind: string | null;
  label: string;
  yours: boolean;
  distance: number | null;
  faceUrl: string | null;
  matchedUrl: string | null;
}
interface SuggestionJson {
  assetId: string;
  prompt: string;
  contacts: Array<{ id: string; name: string; evidence: EvidenceJson }>;
}

/** Party photo 1 (guests 0, 1 and 2 of face-fixtures' PARTY1_FACES) at a width of its own: new bytes, same faces. */
const party1 = (width: number) => sharp(partyPath(1)).resize({ width }).jpeg({ quality: 90 }).toBuffer();

/**
 * Face routing acts only on evidence the sender controls (docs/security.md "Faces and automatic
 * sharing"), with the real face engine and real photos. In alice's book (mode `auto`):
 * - Bob, linked to the account bob, who registered as "his" reference face a photo of someone else —
 *   party guest 1, "the celebrity": a photo of the celebrity is only ever a suggestion to Bob;
 * - Carol, whose photo in alice's own card is guest 0: sent automatically;
 * - Dan, linked to dan, whose own reference face is guest 2: a suggestion until alice confirms the
 *   person as Dan, then sent automatically.
 */
describe.each(engines)('face routing evidence on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let dan: TestUser;
  let mallory: TestUser;

  const sendFile = (user: TestUser, url: string, method: 'POST' | 'PUT', data: Buffer) =>
    multipart([{ filename: 'face.jpg', data, type: 'image/jpeg' }]).then((form) =>
      t.app.inject({ method, url, payload: form.payload, headers: { ...form.headers, cookie: user.cookie } }),
    );
  const addReferenceFace = async (user: TestUser, data: Buffer) =>
    expect((await sendFile(user, '/api/me/reference-faces', 'POST', data)).statusCode).toBe(201);
  const contact = async (owner: TestUser, name: string, fields: Record<string, unknown>, photo?: Buffer) => {
    const c = (await as(t.app, owner).post('/api/contacts', { name, ...fields })).json().contact;
    if (photo) expect((await sendFile(owner, `/api/contacts/${c.id}/photo`, 'PUT', photo)).statusCode).toBe(200);
    return c as { id: string; linkedAccount: { username: string } | null };
  };
  const upload = async (user: TestUser, data: Buffer) => {
    const res = await postAssets(t.app, user, [{ filename: 'party.jpg', data, type: 'image/jpeg' }]);
    expect(res.json().results[0].status).toBe('created');
    await t.container.jobs.drain();
    return res.json().results[0].asset.id as string;
  };
  const statuses = async (user: TestUser, assetId: string): Promise<Record<string, string>> => {
    const ds = (await as(t.app, user).get(`/api/assets/${assetId}/deliveries`)).json().deliveries as Array<{
      contact: { name: string };
      status: string;
    }>;
    return Object.fromEntries(ds.map((d) => [d.contact.name, d.status]));
  };
  const suggestionOf = async (user: TestUser, assetId: string): Promise<SuggestionJson> =>
    ((await as(t.app, user).get('/api/routing/suggestions')).json().suggestions as SuggestionJson[]).find((s) => s.assetId === assetId)!;
  const inboxCount = async (accountId: string) =>
    (
      await t.container.db
        .selectFrom('album_asset as aa')
        .innerJoin('album as al', 'al.id', 'aa.album_id')
        .select('aa.asset_id')
        .where('al.owner_id', '=', accountId)
        .where('al.kind', '=', 'inbox')
        .execute()
    ).length;

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    alice = await signup(t.app, 'alice', { displayName: 'Alice' });
    bob = await signup(t.app, 'bob');
    carol = await signup(t.app, 'carol');
    dan = await signup(t.app, 'dan');
    mallory = await signup(t.app, 'mallory');
    // Bob claims the celebrity's face as his own; carol and dan register their real faces.
    await addReferenceFace(bob, await partyFaceCrop(1));
    await addReferenceFace(carol, await partyFaceCrop(0));
    await addReferenceFace(dan, await partyFaceCrop(2));
    expect((await contact(alice, 'Bob', { kithAddress: 'bob@kith.test' })).linkedAccount?.username).toBe('bob');
    await contact(alice, 'Carol', { kithAddress: 'carol@kith.test' }, await partyFaceCrop(0));
    await contact(alice, 'Dan', { kithAddress: 'dan@kith.test' });
    expect((await as(t.app, alice).put('/api/routing/settings', { mode: 'auto' })).statusCode).toBe(200);
  }, 180_000);
  afterAll(async () => t?.close());

  it("auto: the celebrity matched only bob's own reference face, so it is a suggestion naming that evidence; Carol's card photo sends", async () => {
    const assetId = await upload(alice, await party1(1400));
    expect(await statuses(alice, assetId)).toEqual({ Bob: 'suggested', Carol: 'delivered', Dan: 'suggested' });
    expect(await inboxCount(bob.id)).toBe(0);
    expect(await inboxCount(carol.id)).toBe(1);

    const card = await suggestionOf(alice, assetId);
    expect(card.prompt).toBe('Send to Bob and Dan?');
    const bobs = card.contacts.find((c) => c.name === 'Bob')!.evidence;
    expect(bobs).toMatchObject({ kind: 'linked_reference_face', label: "Matched Bob's own reference face", yours: false });
    expect(bobs.distance).toBeGreaterThan(0);
    // The matched crop beside the reference face bob registered: shown to alice, who holds him as a contact.
    const crop = await as(t.app, alice).get(bobs.faceUrl!);
    expect(crop.headers['content-type']).toBe('image/webp');
    const matched = await as(t.app, alice).get(bobs.matchedUrl!);
    expect(matched.statusCode).toBe(200);
    const bobsReferenceFace = (await as(t.app, bob).get('/api/me/reference-faces')).json().faces[0];
    const own = await as(t.app, bob).get(`/api/me/reference-faces/${bobsReferenceFace.id}/image`);
    expect(Buffer.compare(matched.rawPayload, own.rawPayload)).toBe(0);
    // Nobody else sees it, bob included (the route is about alice's delivery): 404.
    for (const who of [mallory, bob, carol]) expect((await as(t.app, who).get(bobs.matchedUrl!)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: bobs.matchedUrl! })).statusCode).toBe(401);

    // One click is the sender's own confirmation: it sends.
    const bobId = card.contacts.find((c) => c.name === 'Bob')!.id;
    expect((await as(t.app, alice).post(`/api/routing/suggestions/${assetId}/send`, { contactIds: [bobId] })).statusCode).toBe(200);
    await t.container.jobs.drain();
    expect((await statuses(alice, assetId)).Bob).toBe('delivered');
  });

  it('a person grown from the recipient’s reference face stays a suggestion; once alice confirms Dan, his photos send by themselves', async () => {
    const people = (await as(t.app, alice).get('/api/people')).json().people as Array<{
      id: string;
      contact: { name: string } | null;
      linkSource: string | null;
      linkConfirmed: boolean;
    }>;
    const danPerson = people.find((p) => p.contact?.name === 'Dan')!;
    expect(danPerson).toMatchObject({ linkSource: 'linked_reference_face', linkConfirmed: false });
    const confirmed = await as(t.app, alice).patch(`/api/people/${danPerson.id}`, { contactId: await contactId('Dan') });
    expect(confirmed.json().person).toMatchObject({ linkSource: 'owner', linkConfirmed: true });

    const assetId = await upload(alice, await party1(1200));
    expect(await statuses(alice, assetId)).toEqual({ Bob: 'suggested', Carol: 'delivered', Dan: 'delivered' });
    const card = await suggestionOf(alice, assetId);
    expect(card.contacts.map((c) => [c.name, c.evidence.kind, c.evidence.yours])).toEqual([['Bob', 'linked_reference_face', false]]);
    const dans = (await t.container.db.selectFrom('delivery').selectAll().where('asset_id', '=', assetId).execute()).find(
      (d) => d.status === 'delivered' && d.evidence_kind === 'person',
    );
    expect(dans).toBeDefined();
  });

  it.skipIf(!hasFaceFixtures)(
    'the labelled celebrity: frank registers his photo as his own reference face, erin in auto uploads his photo → a suggestion',
    async () => {
      const erin = await signup(t.app, 'erin');
      const frank = await signup(t.app, 'frank');
      await addReferenceFace(frank, fixtureBytes('obama/obama.jpg'));
      await contact(erin, 'Frank', { kithAddress: 'frank@kith.test' });
      expect((await as(t.app, erin).put('/api/routing/settings', { mode: 'auto' })).statusCode).toBe(200);
      const assetId = await upload(erin, fixtureBytes('obama/obama1.jpg'));
      expect(await statuses(erin, assetId)).toEqual({ Frank: 'suggested' });
      expect(await inboxCount(frank.id)).toBe(0);
      expect((await suggestionOf(erin, assetId)).contacts[0].evidence).toMatchObject({ kind: 'linked_reference_face', yours: false });
    },
  );

  async function contactId(name: string) {
    const c = await t.container.db
      .selectFrom('contact')
      .select('id')
      .where('owner_id', '=', alice.id)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return c.id;
  }
});
