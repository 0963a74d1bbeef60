import net from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEventName } from '@kith/sdk';
import { newDeliveryRow } from '../../src/routing/routing.repository.js';
import { fixtureBytes, hasFaceFixtures, partyFaceCrop } from '../helpers/face-fixtures.js';
import { multipart, partyPath, postAssets } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

interface DeliveryJson {
  id: string;
  contact: { id: string; name: string };
  destination: 'local' | 'remote';
  address: string;
  status: string;
  code: string | null;
  attempts: number;
}

/** Party photo 1 (guests 0, 1 and 2 of face-fixtures' PARTY1_FACES) at a width of its own: new bytes, same faces. */
const party1 = (width: number) => sharp(partyPath(1)).resize({ width }).jpeg({ quality: 90 }).toBuffer();

/** A loopback port nobody listens on (a Kith server that is down). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * Server-side routing end to end (beyond seed CN103369031A, whose terminal does the matching) with the real face engine:
 * server A routes its users' uploads to contacts on A (the inbox service) and on B, a second real
 * Kith server on a loopback port (its public inbox, through the SSRF guard with loopback allowed).
 */
describe.each(engines)('server-side routing on %s', (engine) => {
  let a: TestApp;
  let b: TestApp;
  let bPort: number;
  const events: Array<{ to: string; event: RealtimeEventName; payload: any }> = [];

  const sendFile = (t: TestApp, user: TestUser, url: string, method: 'POST' | 'PUT', data: Buffer) =>
    multipart([{ filename: 'face.jpg', data, type: 'image/jpeg' }]).then((form) =>
      t.app.inject({ method, url, payload: form.payload, headers: { ...form.headers, cookie: user.cookie } }),
    );
  const addReferenceFace = async (t: TestApp, user: TestUser, data: Buffer) =>
    expect((await sendFile(t, user, '/api/me/reference-faces', 'POST', data)).statusCode).toBe(201);
  const contact = async (owner: TestUser, name: string, fields: Record<string, unknown>, photo?: Buffer) => {
    const res = await as(a.app, owner).post('/api/contacts', { name, ...fields });
    expect(res.statusCode).toBe(201);
    const c = res.json().contact;
    if (photo) expect((await sendFile(a, owner, `/api/contacts/${c.id}/photo`, 'PUT', photo)).statusCode).toBe(200);
    return c as { id: string; linkedAccount: { username: string } | null };
  };
  const upload = async (user: TestUser, data: Buffer) => {
    const res = await postAssets(a.app, user, [{ filename: 'party.jpg', data, type: 'image/jpeg' }]);
    expect(res.json().results[0].status).toBe('created');
    await a.container.jobs.drain();
    return res.json().results[0].asset.id as string;
  };
  const deliveries = async (user: TestUser, assetId: string): Promise<DeliveryJson[]> => {
    const res = await as(a.app, user).get(`/api/assets/${assetId}/deliveries`);
    expect(res.statusCode).toBe(200);
    return res.json().deliveries;
  };
  const byName = (ds: DeliveryJson[]) => Object.fromEntries(ds.map((d) => [d.contact.name, d]));
  const setMode = async (user: TestUser, mode: string) =>
    expect((await as(a.app, user).put('/api/routing/settings', { mode })).json()).toEqual({ mode });
  /** The inbox album's photos of a local account (what R1's inbox stored). */
  const inboxAssets = (t: TestApp, accountId: string) =>
    t.container.db
      .selectFrom('album_asset as aa')
      .innerJoin('album as al', 'al.id', 'aa.album_id')
      .select('aa.asset_id')
      .where('al.owner_id', '=', accountId)
      .where('al.kind', '=', 'inbox')
      .execute();

  beforeAll(async () => {
    b = await createTestApp('sqlite', { faceAnalysis: true, faceWorkers: 1, publicUrl: 'http://kith-b.test' });
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    bPort = (b.app.server.address() as net.AddressInfo).port;
    a = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1, fetchAllow: ['127.0.0.0/8'] });
    const hub = a.container.realtime;
    const emit = hub.emitToAccount.bind(hub);
    hub.emitToAccount = (to, event, payload) => {
      events.push({ to: String(to), event, payload });
      emit(to, event, payload);
    };
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  describe('contacts on the same server (bob and carol have registered their faces)', () => {
    let alice: TestUser;
    let bob: TestUser;
    let carol: TestUser;
    let dan: TestUser;

    beforeAll(async () => {
      alice = await signup(a.app, 'alice', { displayName: 'Alice' });
      bob = await signup(a.app, 'bob');
      carol = await signup(a.app, 'carol');
      dan = await signup(a.app, 'dan');
      await addReferenceFace(a, bob, await partyFaceCrop(0));
      await addReferenceFace(a, carol, await partyFaceCrop(1));
      // Bob and Carol are linked by their Kith addresses; their own reference faces are the references.
      expect((await contact(alice, 'Bob', { kithAddress: 'bob@kith.test' })).linkedAccount?.username).toBe('bob');
      await contact(alice, 'Carol', { kithAddress: 'carol@kith.test' });
      // Dan is recognised from the photo in alice's book, but has registered no face of his own.
      await contact(alice, 'Dan', { kithAddress: 'dan@kith.test' }, await partyFaceCrop(2));
    }, 120_000);

    it('defaults to suggest: a "Send to Bob, Carol and Dan?" card, one click sends, a refusal keeps its code', async () => {
      expect((await as(a.app, alice).get('/api/routing/settings')).json()).toEqual({ mode: 'suggest' });
      const assetId = await upload(alice, await party1(1400));
      const pending = await deliveries(alice, assetId);
      expect(pending.map((d) => d.status)).toEqual(['suggested', 'suggested', 'suggested']);
      const { suggestions } = (await as(a.app, alice).get('/api/routing/suggestions')).json();
      expect(suggestions).toHaveLength(1);
      expect(suggestions[0]).toMatchObject({ assetId, prompt: 'Send to Bob, Carol and Dan?' });
      expect(events.some((e) => e.to === alice.id && e.event === 'routing.suggested' && e.payload.suggestion.assetId === assetId)).toBe(
        true,
      );
      expect(await inboxAssets(a, bob.id)).toHaveLength(0); // nothing sent before the click

      const sent = await as(a.app, alice).post(`/api/routing/suggestions/${assetId}/send`, {});
      expect(sent.statusCode).toBe(200);
      expect(sent.json().deliveries).toHaveLength(3);
      await a.container.jobs.drain();
      const done = byName(await deliveries(alice, assetId));
      expect(done.Bob).toMatchObject({ status: 'delivered', destination: 'local', address: 'bob', attempts: 1 });
      expect(done.Carol).toMatchObject({ status: 'delivered', attempts: 1 });
      // Claim 6's check said no for Dan: final, not retried.
      expect(done.Dan).toMatchObject({ status: 'refused', code: 'no_reference_face', attempts: 1 });
      expect(await inboxAssets(a, bob.id)).toHaveLength(1);
      expect(await inboxAssets(a, carol.id)).toHaveLength(1);
      expect(await inboxAssets(a, dan.id)).toHaveLength(0);
      expect((await as(a.app, alice).get('/api/routing/suggestions')).json().suggestions).toEqual([]);
      const updates = events.filter((e) => e.event === 'delivery.updated' && e.payload.delivery.assetId === assetId);
      expect(updates.at(-1)?.to).toBe(alice.id);
    });

    it('sends to a chosen subset, and dismisses the rest with one click', async () => {
      const assetId = await upload(alice, await party1(1300));
      const bobId = (await deliveries(alice, assetId)).find((d) => d.contact.name === 'Bob')!.contact.id;
      expect((await as(a.app, alice).post(`/api/routing/suggestions/${assetId}/send`, { contactIds: [bobId] })).statusCode).toBe(200);
      await a.container.jobs.drain();
      expect((await as(a.app, alice).get('/api/routing/suggestions')).json().suggestions[0].prompt).toBe('Send to Carol and Dan?');
      expect((await as(a.app, alice).post(`/api/routing/suggestions/${assetId}/dismiss`)).json()).toEqual({ dismissed: 2 });
      const ds = byName(await deliveries(alice, assetId));
      expect([ds.Bob.status, ds.Carol.status, ds.Dan.status]).toEqual(['delivered', 'dismissed', 'dismissed']);
      // Nothing left to act on; someone else cannot act on alice's photo.
      expect((await as(a.app, alice).post(`/api/routing/suggestions/${assetId}/send`, {})).statusCode).toBe(404);
      expect((await as(a.app, bob).get(`/api/assets/${assetId}/deliveries`)).statusCode).toBe(404);
    });

    it("auto sends at once on alice's own evidence only (Dan's card photo), suggests on reference faces bob and carol registered; a re-analysis adds no second delivery", async () => {
      await setMode(alice, 'auto');
      const before = (await inboxAssets(a, bob.id)).length;
      const assetId = await upload(alice, await party1(1200));
      const ds = byName(await deliveries(alice, assetId));
      // Bob and Carol matched only the reference faces they registered themselves: their claim, a suggestion (docs/security.md).
      expect([ds.Bob.status, ds.Carol.status, ds.Dan.status]).toEqual(['suggested', 'suggested', 'refused']);
      expect(ds.Dan.attempts).toBe(1);
      expect(await inboxAssets(a, bob.id)).toHaveLength(before);

      await a.container.faces.analysis.analyseAsset(assetId, { force: true });
      await a.container.jobs.drain();
      const again = await deliveries(alice, assetId);
      expect(again).toHaveLength(3);
      expect(again.map((d) => d.attempts)).toEqual([0, 0, 1]);
      expect((await as(a.app, alice).post(`/api/routing/suggestions/${assetId}/dismiss`)).json()).toEqual({ dismissed: 2 });
    });

    it('off: recognised contacts get nothing, not even a suggestion', async () => {
      await setMode(alice, 'off');
      const assetId = await upload(alice, await party1(1100));
      expect(await deliveries(alice, assetId)).toEqual([]);
      expect((await as(a.app, alice).get('/api/routing/suggestions')).json().suggestions).toEqual([]);
    });
  });

  describe('contacts on another Kith server (B, a real server on a loopback port)', () => {
    let frank: TestUser;
    let bea: TestUser;

    beforeAll(async () => {
      frank = await signup(a.app, 'frank', { displayName: 'Frank' });
      bea = await signup(b.app, 'bea');
      await addReferenceFace(b, bea, await partyFaceCrop(0));
      const down = await closedPort();
      await contact(frank, 'Bea', { kithAddress: `bea@127.0.0.1:${bPort}` }, await partyFaceCrop(0));
      await contact(frank, 'Ghost', { albumUrl: `http://127.0.0.1:${bPort}/inbox/ghost` }, await partyFaceCrop(1));
      await contact(frank, 'Gone', { kithAddress: `gone@127.0.0.1:${down}` }, await partyFaceCrop(2));
      await setMode(frank, 'auto');
    }, 120_000);

    it("delivers through B's public inbox; B refuses an unknown account; a server that is down is retried, then failed", async () => {
      const assetId = await upload(frank, await party1(1400));
      const ds = byName(await deliveries(frank, assetId));
      expect(ds.Bea).toMatchObject({ status: 'delivered', destination: 'remote', address: `bea@127.0.0.1:${bPort}`, attempts: 1 });
      expect(await inboxAssets(b, bea.id)).toHaveLength(1);
      expect(ds.Ghost).toMatchObject({ status: 'refused', code: 'unknown_account', attempts: 1 });
      expect(ds.Gone).toMatchObject({ status: 'failed', code: 'unreachable', attempts: 4 });
      // B stored who sent it.
      const stored = await b.container.db.selectFrom('asset').select('owner_id').where('owner_id', '=', bea.id).execute();
      expect(stored).toHaveLength(1);
    });

    it('a delivery that cannot even read its photo is retried, then failed: never left sending', async () => {
      await setMode(frank, 'off');
      const assetId = await upload(frank, await party1(1000));
      await a.container.blobs.delete((await a.container.assets.findById(assetId))!.sha256);
      const bea = await a.container.db
        .selectFrom('contact')
        .select('id')
        .where('owner_id', '=', frank.id)
        .where('name', '=', 'Bea')
        .executeTakeFirstOrThrow();
      const row = newDeliveryRow({
        owner_id: frank.id,
        asset_id: assetId,
        contact_id: bea.id,
        destination: 'remote',
        target: `http://127.0.0.1:${bPort}/inbox/bea`,
        status: 'queued',
      });
      await a.container.routingRepo.insertNew([row]);
      const id = row.id;
      await a.container.jobs.enqueue('routing.deliver', { deliveryId: id });
      await a.container.jobs.drain();
      expect((await deliveries(frank, assetId))[0]).toMatchObject({ status: 'failed', code: 'internal_error', attempts: 4 });
    });

    it.skipIf(!hasFaceFixtures)("B's anti-spam check refuses a photo without its account's face (face_not_found), once", async () => {
      const gina = await signup(a.app, 'gina');
      const hal = await signup(b.app, 'hal');
      await addReferenceFace(b, hal, fixtureBytes('biden/biden.jpg'));
      // Gina's book says Hal looks like party guest 0; Hal registered another face on B.
      await contact(gina, 'Hal', { kithAddress: `hal@127.0.0.1:${bPort}` }, await partyFaceCrop(0));
      await setMode(gina, 'auto');
      const assetId = await upload(gina, await party1(1400));
      expect(byName(await deliveries(gina, assetId)).Hal).toMatchObject({ status: 'refused', code: 'face_not_found', attempts: 1 });
      expect(await inboxAssets(b, hal.id)).toHaveLength(0);
    });
  });
});
