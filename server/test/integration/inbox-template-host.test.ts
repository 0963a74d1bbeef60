import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendToInbox } from '@kith/cli/inbox-client';
import { newDeliveryRow } from '../../src/routing/routing.repository.js';
import { listeningApp } from '../helpers/listening-app.js';
import { partyPhoto, postAssets } from '../helpers/photos.js';
import { as, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

/** A plain HTTP server on a loopback port that records every request and answers `answer(path)` as JSON. */
async function recordingServer(answer: (path: string) => unknown) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(req.url ?? '')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * SSRF through inbox discovery (docs/security.md "Server-to-server deliveries and the album inbox"):
 * a remote server's `/.well-known/kith-inbox` template is its own text, and `origin + template` with
 * a template like `@127.0.0.1:<victim>/inbox/{account}` names another host. Neither alice's Kith
 * (routing) nor `kith share` may post anywhere but the recipient's own host.
 */
describe.each(engines)('inbox discovery cannot move a delivery to another host on %s', (engine) => {
  let a: TestApp & { url: string };
  let alice: TestUser;
  let victim: Awaited<ReturnType<typeof recordingServer>>;
  let evil: Awaited<ReturnType<typeof recordingServer>>;

  beforeAll(async () => {
    a = await listeningApp(engine);
    alice = await signup(a.app, 'alice');
    victim = await recordingServer(() => ({ accepted: 1, refused: 0, pictures: [{ name: 'x', status: 'accepted', assetId: 'x' }] }));
    const victimHost = new URL(victim.url).host;
    evil = await recordingServer(() => ({
      version: 1,
      inbox: `@${victimHost}/inbox/{account}`,
      formats: ['xml'],
      maxPacketBytes: 25_000_000,
      maxPictures: 20,
      maxPictureBytes: 20_000_000,
    }));
  });
  afterAll(async () => {
    await a?.close();
    await victim?.close();
    await evil?.close();
  });

  it("alice's Kith refuses the delivery (inbox_host_mismatch) and sends the other host nothing", async () => {
    const contact = await as(a.app, alice).post('/api/contacts', { name: 'Eve', albumUrl: `${evil.url}/inbox/eve` });
    const uploaded = await postAssets(a.app, alice, [{ filename: 'p.jpg', data: await partyPhoto(1), type: 'image/jpeg' }]);
    const row = newDeliveryRow({
      owner_id: alice.id,
      asset_id: uploaded.json().results[0].asset.id,
      contact_id: contact.json().contact.id,
      destination: 'remote',
      target: `${evil.url}/inbox/eve`,
      status: 'queued',
    });
    await a.container.routingRepo.insertNew([row]);
    await a.container.jobs.enqueue('routing.deliver', { deliveryId: row.id });
    await a.container.jobs.drain();
    expect(await a.container.routingRepo.find(row.id)).toMatchObject({ status: 'refused', code: 'inbox_host_mismatch' });
    expect(evil.seen).toContain('GET /.well-known/kith-inbox');
    expect(victim.seen).toEqual([]);
  });

  it('kith share refuses it too', async () => {
    const discovery = await (await fetch(`${evil.url}/.well-known/kith-inbox`)).json();
    const bytes = await partyPhoto(1);
    const to = { origin: evil.url, username: 'eve', address: `eve@${new URL(evil.url).host}` };
    const outcome = await sendToInbox(to, discovery, [{ name: 'p.jpg', size: bytes.length, load: async () => bytes }], {
      name: null,
      address: null,
    });
    expect(outcome.get('p.jpg')).toMatchObject({ status: 'refused', code: 'inbox_host_mismatch' });
    expect(victim.seen).toEqual([]);
  });
});
