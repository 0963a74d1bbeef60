import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { faceless, partyFaceCrop } from '../helpers/face-fixtures.js';
import { packetFor, postMultipart, postXml, registerReferenceFace, storedState } from '../helpers/inbox.js';
import { partyPhoto } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

// The album inbox (seed CN103369031A claims 4–7, 11–14): bob registers party guest 0's face as his reference face;
// party photo 1 shows guest 0 (accepted), a crop of guest 1's face and a gradient do not (refused).
describe.each(engines)('album inbox on %s', (engine) => {
  let t: TestApp;
  let bob: TestUser;
  let carol: TestUser;
  let withBob: Buffer;
  let withBobLarger: Buffer;
  let stranger: Buffer;
  const alice = { name: 'Alice Ünïcödé 🎉', address: 'alice@kith-a.example' };

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    bob = await signup(t.app, 'bob');
    carol = await signup(t.app, 'carol');
    [withBob, withBobLarger, stranger] = await Promise.all([partyPhoto(1), partyPhoto(1, { width: 800 }), partyFaceCrop(1)]);
  });
  afterAll(async () => t?.close());

  it('advertises its formats and limits at /.well-known/kith-inbox', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/.well-known/kith-inbox' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      version: 1,
      inbox: '/inbox/{account}',
      formats: ['xml', 'multipart'],
      maxPacketBytes: t.config.inboxMaxPacketBytes,
      maxPictures: t.config.inboxMaxPictures,
      maxPictureBytes: t.config.inboxMaxPictureBytes,
    });
  });

  it('answers 409 no_reference_face until the account registers a reference face, storing nothing', async () => {
    const before = await storedState(t);
    const res = await postXml(t, 'bob', packetFor('bob', [{ name: 'party.jpg', bytes: withBob }], alice));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('no_reference_face');
    expect(await storedState(t)).toEqual(before);
    await registerReferenceFace(t, bob, 0);
  });

  it('refuses an unknown account with 404 unknown_account and stores nothing', async () => {
    const before = await storedState(t);
    const res = await postXml(t, 'nobody', packetFor('nobody', [{ name: 'party.jpg', bytes: withBob }]));
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('unknown_account');
    expect(await storedState(t)).toEqual(before);
  });

  it('stores a picture showing the recipient in the "Shared with me" album with the sender, and pushes inbox.received', async () => {
    const emit = vi.spyOn(t.container.realtime, 'emitToAccount');
    const res = await postXml(t, 'bob', packetFor('bob', [{ name: 'party.jpg', bytes: withBob }], alice));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ account: 'bob', accepted: 1, refused: 0 });
    expect(body.pictures[0]).toMatchObject({ name: 'party.jpg', status: 'accepted', duplicate: false });
    const assetId = body.pictures[0].assetId as string;

    const album = await t.container.db.selectFrom('album').selectAll().where('owner_id', '=', bob.id).where('kind', '=', 'inbox').execute();
    expect(album).toHaveLength(1);
    expect(album[0].name).toBe('Shared with me');
    const inAlbum = await t.container.db.selectFrom('album_asset').select('asset_id').where('album_id', '=', album[0].id).execute();
    expect(inAlbum.map((r) => r.asset_id)).toEqual([assetId]);
    expect(emit).toHaveBeenCalledWith(bob.id, 'inbox.received', {
      assetIds: [assetId],
      sender: { ...alice, verified: false },
      albumId: album[0].id,
    });
    emit.mockRestore();

    const list = await as(t.app, bob).get('/api/inbox');
    expect(list.statusCode).toBe(200);
    expect(list.json().albumId).toBe(album[0].id);
    expect(list.json().items[0]).toMatchObject({
      assetId,
      pictureName: 'party.jpg',
      // Unsigned: the address is a claim, shown as "unverified sender".
      sender: { name: alice.name, address: alice.address, local: false, verified: false },
      sourceIp: '127.0.0.1',
      thumbnailUrl: `/api/assets/${assetId}/thumbnail`,
    });
    // The picture is bob's asset: he can open it; carol cannot.
    expect((await as(t.app, bob).get(`/api/assets/${assetId}/original`)).statusCode).toBe(200);
    expect((await as(t.app, carol).get(`/api/assets/${assetId}/original`)).statusCode).toBe(404);
  });

  it('refuses a picture without the recipient’s face: 422 face_not_found, nothing stored, logged as dropped', async () => {
    const before = await storedState(t);
    const res = await postXml(t, 'bob', packetFor('bob', [{ name: 'someone-else.jpg', bytes: stranger }], alice));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      accepted: 0,
      refused: 1,
      pictures: [{ name: 'someone-else.jpg', status: 'refused', code: 'face_not_found' }],
    });
    expect(await storedState(t)).toEqual(before);
  });

  it('answers each picture of a multi-picture multipart packet, deduplicating by content', async () => {
    const res = await postMultipart(
      t,
      'bob',
      [
        { filename: 'again.jpg', data: withBob },
        { filename: 'wall.jpg', data: await faceless() },
        { filename: 'closer.jpg', data: withBobLarger },
      ],
      { username: 'bob', sender_name: 'Alice', sender_address: alice.address },
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 2, refused: 1 });
    expect(body.pictures.map((p: { status: string; code?: string; duplicate?: boolean }) => [p.status, p.code ?? p.duplicate])).toEqual([
      ['accepted', true],
      ['refused', 'face_not_found'],
      ['accepted', false],
    ]);
    const items = await t.container.db.selectFrom('inbox_item').select('asset_id').where('account_id', '=', bob.id).execute();
    expect(items).toHaveLength(2);
  });

  it('accepts the document’s bare packet as a multipart `packet` part naming a file part', async () => {
    const xml = '<address>http://kith.test</address><username>bob</username><picture>sample.jpg</picture>';
    const res = await postMultipart(t, 'bob', [
      { name: 'packet', filename: 'packet.xml', data: Buffer.from(xml), type: 'application/xml' },
      { name: 'file', filename: 'sample.jpg', data: withBob },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().pictures[0]).toMatchObject({ name: 'sample.jpg', status: 'accepted', duplicate: true });
  });

  it('applies the owner’s policy: off, then contacts only', async () => {
    const owner = as(t.app, bob);
    const send = () => postXml(t, 'bob', packetFor('bob', [{ name: 'p.jpg', bytes: withBob }], alice));
    expect((await owner.put('/api/inbox/settings', { policy: 'off' })).json().policy).toBe('off');
    const closed = await send();
    expect([closed.statusCode, closed.json().code]).toEqual([403, 'inbox_closed']);

    await owner.put('/api/inbox/settings', { policy: 'contacts' });
    // A claimed sender_address proves nothing (anyone can write it): refused as an unverified sender,
    // before and after alice is a contact. Signed packets: inbox-signatures.test.ts.
    const unverified = await send();
    expect([unverified.statusCode, unverified.json().code]).toEqual([403, 'sender_unverified']);
    expect((await owner.post('/api/contacts', { name: 'Alice', kithAddress: alice.address })).statusCode).toBe(201);
    const forged = await send();
    expect([forged.statusCode, forged.json().code]).toEqual([403, 'sender_unverified']);
    // A verified sender (this server's carol) is accepted once she is a contact.
    const fromCarol = () =>
      t.container.inbox.receive({
        account: 'bob',
        pictures: [{ name: 'p.jpg', bytes: withBob }],
        sender: { name: 'Carol', address: 'carol@kith.test', accountId: carol.id },
        sourceIp: 'local',
      });
    await expect(fromCarol()).rejects.toMatchObject({ statusCode: 403, code: 'sender_not_allowed' });
    expect((await owner.post('/api/contacts', { name: 'Carol', kithAddress: 'carol@kith.test' })).statusCode).toBe(201);
    expect((await fromCarol()).accepted).toBe(1);
    await owner.put('/api/inbox/settings', { policy: 'open' });
    expect((await owner.get('/api/inbox/settings')).json().policy).toBe('open');
  });

  it('refuses blocked senders and hosts until the block is removed', async () => {
    const owner = as(t.app, bob);
    const send = (address: string) => postXml(t, 'bob', packetFor('bob', [{ name: 'p.jpg', bytes: withBob }], { address }));
    const block = await owner.post('/api/inbox/blocks', { kind: 'sender', value: 'Alice@Kith-A.example' });
    expect(block.statusCode).toBe(201);
    expect(block.json()).toMatchObject({ kind: 'sender', value: 'alice@kith-a.example' });
    const refused = await send(alice.address);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'sender_blocked']);

    const host = await owner.post('/api/inbox/blocks', { kind: 'host', value: 'spam.example' });
    expect((await send('mallory@spam.example:8080')).json().code).toBe('sender_blocked');
    expect((await owner.post('/api/inbox/blocks', { kind: 'sender', value: 'not an address' })).json().code).toBe('invalid_block');
    expect((await owner.get('/api/inbox/blocks')).json().blocks).toHaveLength(2);
    // Another account cannot remove bob's block.
    expect((await as(t.app, carol).delete(`/api/inbox/blocks/${host.json().id}`)).statusCode).toBe(404);
    for (const id of [block.json().id, host.json().id]) expect((await owner.delete(`/api/inbox/blocks/${id}`)).statusCode).toBe(204);
    expect((await send(alice.address)).statusCode).toBe(200);
  });

  it('keeps a dropped-packet log with counts by reason and no image', async () => {
    const res = await as(t.app, bob).get('/api/inbox/dropped');
    expect(res.statusCode).toBe(200);
    const { counts, entries } = res.json();
    expect(counts).toMatchObject({
      no_reference_face: 1,
      face_not_found: 2,
      inbox_closed: 1,
      sender_unverified: 2,
      sender_not_allowed: 1,
      sender_blocked: 2,
    });
    expect(entries[0]).toMatchObject({
      code: 'sender_blocked',
      senderAddress: 'mallory@spam.example:8080',
      sourceIp: '127.0.0.1',
      pictures: 1,
    });
    // carol sees none of bob's log; unknown_account drops belong to no account.
    expect((await as(t.app, carol).get('/api/inbox/dropped')).json()).toEqual({ counts: {}, entries: [] });
  });

  it('takes text/xml with a charset too, and pages the listing without gaps or repeats', async () => {
    const res = await postXml(t, 'bob', packetFor('bob', [{ name: 'p.jpg', bytes: withBob }]), {
      'content-type': 'text/xml; charset=utf-8',
    });
    expect([res.statusCode, res.json().pictures[0].duplicate]).toEqual([200, true]);
    const all = (await as(t.app, bob).get('/api/inbox')).json().items.map((i: { assetId: string }) => i.assetId);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const paged: string[] = [];
    let before: string | null = null;
    do {
      const page: { items: { assetId: string }[]; nextBefore: string | null } = (
        await as(t.app, bob).get(`/api/inbox?limit=1${before ? `&before=${before}` : ''}`)
      ).json();
      paged.push(...page.items.map((i: { assetId: string }) => i.assetId));
      before = page.nextBefore;
    } while (before);
    expect(paged).toEqual(all);
  });

  it('receives same-server deliveries through container.inbox.receive with the same checks', async () => {
    const r = await t.container.inbox.receive({
      account: 'bob',
      pictures: [
        { name: 'local.jpg', bytes: await partyPhoto(1, { width: 700 }) },
        { name: 'other.jpg', bytes: stranger },
      ],
      sender: { name: 'Carol', address: 'carol@kith.test', accountId: carol.id },
      sourceIp: 'local',
    });
    expect(r).toMatchObject({ account: 'bob', accepted: 1, refused: 1 });
    const item = await t.container.db
      .selectFrom('inbox_item')
      .selectAll()
      .where('asset_id', '=', (r.pictures[0] as { assetId: string }).assetId)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ sender_account_id: carol.id, source_ip: 'local', sender_name: 'Carol' });
    await expect(
      t.container.inbox.receive({
        account: 'ghost',
        pictures: r.pictures.map(() => ({ name: 'x', bytes: stranger })),
        sender: { name: null, address: null },
        sourceIp: 'local',
      }),
    ).rejects.toMatchObject({ code: 'unknown_account', statusCode: 404 });
  });
});
