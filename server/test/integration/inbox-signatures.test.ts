import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInbox, sendToInbox } from '@kith/cli/inbox-client';
import { readSigningKey } from '@kith/cli/signing-key';
import { newDeliveryRow } from '../../src/routing/routing.repository.js';
import { createSigner, httpbis } from 'http-message-signatures';
import { contentDigest, signRequest } from '../../src/signing/http-signature.js';
import { packetFor, registerReferenceFace } from '../helpers/inbox.js';
import { listeningApp } from '../helpers/listening-app.js';
import { partyPhoto, postAssets } from '../helpers/photos.js';
import { as, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

type Kith = TestApp & { url: string };

/**
 * Server-to-server deliveries are signed (RFC 9421, docs/security.md "Server-to-server deliveries and
 * the album inbox"): two real Kith servers on loopback ports. A is alice's and carol's Kith (it signs
 * and publishes their keys), B is bob's (inbox open to contacts only, alice among them; it verifies,
 * fetching keys from A through the SSRF guard). Bob's face is party guest 0, shown in party photo 1.
 */
describe.each(engines)('signed inbox deliveries (RFC 9421) on %s', (engine) => {
  let a: Kith;
  let b: Kith;
  let alice: TestUser;
  let carol: TestUser;
  let bob: TestUser;
  let aliceAddress: string;
  const photos: Buffer[] = [];
  let next = 0;
  /** A photo of bob B has not stored yet (each accepted picture is a new asset, never a duplicate). */
  const freshPhoto = () => photos[next++];

  beforeAll(async () => {
    a = await listeningApp(engine);
    b = await listeningApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    [alice, carol] = [await signup(a.app, 'alice'), await signup(a.app, 'carol')];
    bob = await signup(b.app, 'bob');
    aliceAddress = `alice@${new URL(a.url).host}`;
    await registerReferenceFace(b, bob, 0);
    expect((await as(b.app, bob).put('/api/inbox/settings', { policy: 'contacts' })).statusCode).toBe(200);
    expect((await as(b.app, bob).post('/api/contacts', { name: 'Alice', kithAddress: aliceAddress })).statusCode).toBe(201);
    for (let i = 0; i < 12; i++) photos.push(await partyPhoto(1, { width: 640 + i * 16 }));
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const xmlFor = (sender: { address: string }, bytes = freshPhoto()) =>
    Buffer.from(packetFor('bob', [{ name: 'party.jpg', bytes }], { name: 'Alice', ...sender }), 'utf8');
  const post = (headers: Record<string, string>, body: Buffer) =>
    fetch(`${b.url}/inbox/bob`, { method: 'POST', headers, body: new Uint8Array(body) }).then(async (r) => ({
      status: r.status,
      json: (await r.json()) as { code?: string; message?: string; accepted?: number },
    }));
  const serverKey = (user: TestUser, username: string) => a.container.signingKeys.serverKey(user.id, username);
  const signed = async (user: TestUser, username: string, body: Buffer, now?: number) =>
    signRequest(await serverKey(user, username), { url: `${b.url}/inbox/bob`, contentType: 'application/xml', body }, now);
  const latestItem = async () => (await as(b.app, bob).get('/api/inbox')).json().items[0];

  it('a forged sender_address under contacts only is refused as "unverified sender" and logged so', async () => {
    const res = await post({ 'content-type': 'application/xml' }, xmlFor({ address: aliceAddress }));
    expect([res.status, res.json.code]).toEqual([403, 'sender_unverified']);
    expect(res.json.message).toMatch(/Unverified sender.*unsigned/);
    const dropped = (await as(b.app, bob).get('/api/inbox/dropped')).json();
    expect(dropped.entries[0]).toMatchObject({ code: 'sender_unverified', senderAddress: aliceAddress, senderVerified: false });
  });

  it("publishes each account's keys under /.well-known/kith-keys/{username}; the private half is sealed at rest", async () => {
    await serverKey(alice, 'alice');
    const res = await a.app.inject({ method: 'GET', url: '/.well-known/kith-keys/alice' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.owner).toBe(aliceAddress);
    expect(doc.keys[0]).toMatchObject({ alg: 'ed25519', kind: 'server', publicKeyJwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect(doc.keys[0].keyid).toBe(`${aliceAddress}#${doc.keys[0].id}`);
    expect(doc.keys[0].publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const row = await a.container.db.selectFrom('signing_key').selectAll().where('id', '=', doc.keys[0].id).executeTakeFirstOrThrow();
    expect(row.private_key_sealed).toMatch(/^v1\./);
    expect(row.private_key_sealed).not.toContain('PRIVATE KEY');
    const unknown = await a.app.inject({ method: 'GET', url: '/.well-known/kith-keys/nobody' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'unknown_account']);
  });

  it("a delivery routed by alice's Kith is signed with her key and accepted by bob's contacts-only inbox", async () => {
    const contact = await as(a.app, alice).post('/api/contacts', { name: 'Bob', kithAddress: `bob@${new URL(b.url).host}` });
    const uploaded = await postAssets(a.app, alice, [{ filename: 'party.jpg', data: freshPhoto(), type: 'image/jpeg' }]);
    const row = newDeliveryRow({
      owner_id: alice.id,
      asset_id: uploaded.json().results[0].asset.id,
      contact_id: contact.json().contact.id,
      destination: 'remote',
      target: `${b.url}/inbox/bob`,
      status: 'queued',
    });
    await a.container.routingRepo.insertNew([row]);
    await a.container.jobs.enqueue('routing.deliver', { deliveryId: row.id });
    await a.container.jobs.drain();
    expect(await a.container.routingRepo.find(row.id)).toMatchObject({ status: 'delivered', code: null });
    expect((await latestItem()).sender).toMatchObject({ address: aliceAddress, local: false, verified: true });
  });

  it('a tampered body, an expired signature or a key of another account is refused as unverified', async () => {
    const body = xmlFor({ address: aliceAddress });
    const headers = await signed(alice, 'alice', body);
    const other = xmlFor({ address: aliceAddress });
    const tampered = await post(headers, other);
    expect([tampered.status, tampered.json.code]).toEqual([403, 'sender_unverified']);
    expect(tampered.json.message).toContain('content-digest');
    // The digest recomputed for the new body: the signature (over the old digest) no longer verifies.
    const redigested = await post({ ...headers, 'content-digest': (await signed(alice, 'alice', other))['content-digest'] }, other);
    expect(redigested.json.message).toContain('does not verify');

    const expired = await post(await signed(alice, 'alice', body, Date.now() - 10 * 60_000), body);
    expect([expired.status, expired.json.code]).toEqual([403, 'sender_unverified']);
    expect(expired.json.message).toContain('expired');

    // Carol signs with her own key but claims to be alice.
    const carols = await post(await signed(carol, 'carol', body), body);
    expect([carols.status, carols.json.code]).toEqual([403, 'sender_unverified']);
    expect(carols.json.message).toContain('another sender');
    // Carol names alice's key id, but signs with her own private key.
    const aliceKeyid = (await serverKey(alice, 'alice')).keyid;
    const forged = await signRequest(
      { keyid: aliceKeyid, privateKey: (await serverKey(carol, 'carol')).privateKey },
      { url: `${b.url}/inbox/bob`, contentType: 'application/xml', body },
    );
    const forgedRes = await post(forged, body);
    expect([forgedRes.status, forgedRes.json.code]).toEqual([403, 'sender_unverified']);
    expect(forgedRes.json.message).toContain('does not verify');
    // The untouched signed packet itself is accepted.
    const ok = await post(headers, body);
    expect([ok.status, ok.json.accepted]).toEqual([200, 1]);
  });

  it('a signature that leaves out the digest or the inbox path, or a signed multipart body, does not verify the sender', async () => {
    const key = await serverKey(alice, 'alice');
    const body = xmlFor({ address: aliceAddress });
    for (const fields of [
      ['@method', '@authority', '@path', 'content-type'],
      ['@method', '@authority', 'content-type', 'content-digest'],
    ]) {
      const signedReq = await httpbis.signMessage(
        { key: createSigner(key.privateKey, 'ed25519', key.keyid), fields, params: ['created', 'keyid', 'alg'] },
        {
          method: 'POST',
          url: `${b.url}/inbox/bob`,
          headers: { 'content-type': 'application/xml', 'content-digest': contentDigest(body) },
        },
      );
      const res = await post(signedReq.headers as Record<string, string>, body);
      expect([res.status, res.json.code]).toEqual([403, 'sender_unverified']);
      expect(res.json.message).toContain('not acceptable');
    }
    // Multipart: the signature cannot bind the parts, so it is ignored.
    const form = new FormData();
    form.append('sender_address', aliceAddress);
    form.append('picture', new Blob([new Uint8Array(freshPhoto())], { type: 'image/jpeg' }), 'p.jpg');
    const encoded = new Response(form);
    const raw = Buffer.from(await encoded.arrayBuffer());
    const contentType = encoded.headers.get('content-type')!;
    const res = await post(await signRequest(key, { url: `${b.url}/inbox/bob`, contentType, body: raw }), raw);
    expect([res.status, res.json.code]).toEqual([403, 'sender_unverified']);
    expect(res.json.message).toContain('only XML packets can be signed');
  });

  it('unsigned packets (kith share without a key) reach an open inbox only, shown as "unverified sender"', async () => {
    await as(b.app, bob).put('/api/inbox/settings', { policy: 'open' });
    try {
      const res = await post({ 'content-type': 'application/xml' }, xmlFor({ address: aliceAddress }));
      expect([res.status, res.json.accepted]).toEqual([200, 1]);
      expect((await latestItem()).sender).toMatchObject({ address: aliceAddress, verified: false });
    } finally {
      await as(b.app, bob).put('/api/inbox/settings', { policy: 'contacts' });
    }
  });

  it('kith share signs with a key alice’s Kith issued: accepted under contacts only; a revoked key no longer verifies', async () => {
    const issued = await as(a.app, alice).post('/api/me/signing-keys', { name: 'laptop' });
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toMatchObject({ owner: aliceAddress, key: { kind: 'cli', alg: 'ed25519' } });
    expect(issued.json().privateKeyPem).toContain('BEGIN PRIVATE KEY');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kith-key-')), 'alice.key.json');
    fs.writeFileSync(file, issued.body, { mode: 0o600 });
    const key = await readSigningKey(file);
    const sender = { name: 'Alice', address: key.owner, signingKey: key };
    const to = { origin: b.url, username: 'bob', address: `bob@${new URL(b.url).host}` };
    const bytes = freshPhoto();
    const outcome = await sendToInbox(
      to,
      await discoverInbox(b.url),
      [{ name: 'cli.jpg', size: bytes.length, load: async () => bytes }],
      sender,
    );
    expect(outcome.get('cli.jpg')).toMatchObject({ status: 'delivered' });
    expect((await latestItem()).sender).toMatchObject({ address: aliceAddress, verified: true });

    // Revocation: on alice's own server (keys read from its database) the key stops verifying at once.
    const dave = await signup(a.app, 'dave');
    await as(a.app, dave).put('/api/inbox/settings', { policy: 'contacts' });
    await as(a.app, dave).post('/api/contacts', { name: 'Alice', kithAddress: aliceAddress });
    const toDave = { origin: a.url, username: 'dave', address: `dave@${new URL(a.url).host}` };
    const send = async () =>
      (await sendToInbox(toDave, await discoverInbox(a.url), [{ name: 'd.jpg', size: bytes.length, load: async () => bytes }], sender)).get(
        'd.jpg',
      );
    // Past the policy (a verified contact): A analyses no faces, so dave's inbox cannot check the picture.
    expect(await send()).toMatchObject({ status: 'refused', code: 'no_reference_face' });
    expect((await as(a.app, alice).delete(`/api/me/signing-keys/${issued.json().key.id}`)).statusCode).toBe(204);
    expect(await send()).toMatchObject({ status: 'refused', code: 'sender_unverified' });
    const listed = (await as(a.app, alice).get('/api/me/signing-keys')).json().keys;
    expect(listed.find((k: { id: string }) => k.id === issued.json().key.id).revokedAt).not.toBeNull();
    expect((await as(a.app, carol).delete(`/api/me/signing-keys/${issued.json().key.id}`)).statusCode).toBe(404);
  });

  it("packets cannot make bob's Kith ask the claimed sender's server for keys on every request", async () => {
    const asked: string[] = [];
    const server = http.createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ owner: mallory, keys: [] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const mallory = `mallory@127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { privateKey } = crypto.generateKeyPairSync('ed25519');
      const codes = [];
      for (let i = 0; i < 6; i++) {
        const body = xmlFor({ address: mallory }, photos[0]);
        const headers = await signRequest(
          { keyid: `${mallory}#made-up-${i % 5}`, privateKey },
          { url: `${b.url}/inbox/bob`, contentType: 'application/xml', body },
        );
        codes.push((await post(headers, body)).json.code);
      }
      expect(codes).toEqual(Array(6).fill('sender_unverified'));
      // The first key id fetches the set; three more unknown ids a minute refetch it; the sixth repeats the first.
      expect(asked).toEqual(Array(4).fill('/.well-known/kith-keys/mallory'));
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('same-server deliveries are proven by the server itself', async () => {
    const erin = await signup(b.app, 'erin');
    await as(b.app, bob).post('/api/contacts', { name: 'Erin', kithAddress: `erin@${new URL(b.url).host}` });
    const res = await b.container.inbox.receive({
      account: 'bob',
      pictures: [{ name: 'local.jpg', bytes: freshPhoto() }],
      sender: { name: 'Erin', address: `erin@${new URL(b.url).host}`, accountId: erin.id },
      sourceIp: 'local',
    });
    expect(res.accepted).toBe(1);
    expect((await latestItem()).sender).toMatchObject({ local: true, verified: true });
  });
});
