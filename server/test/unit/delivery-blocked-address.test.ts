import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddressPolicy, parseCidrList } from '../../src/net/address-policy.js';
import { guardedFetch, blockedAddress } from '../../src/net/guarded-fetch.js';
import { createInboxClient } from '../../src/routing/inbox-client.js';

// A delivery to a Kith on this machine (or a home network), through the real SSRF guard: refused, with advice a person
// can act on for a delivery (the admin's KITH_FETCH_ALLOW), not the region share's "send the image bytes instead".
describe('a delivery the SSRF guard stops', () => {
  let server: http.Server;
  let origin: string;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const send = (allow: string[]) =>
    createInboxClient((url, init) =>
      guardedFetch(url, { policy: createAddressPolicy(parseCidrList(allow)), maxBytes: 1 << 20, timeoutMs: 5000, ...init }),
    ).send({
      origin,
      username: 'bob',
      senderName: 'Alice',
      senderAddress: 'alice@kith.example',
      picture: { name: 'p.jpg', bytes: Buffer.from('not sent'), mime: 'image/jpeg' },
    });

  it('is refused as blocked_address with the delivery’s own advice, and nothing reaches the server', async () => {
    const outcome = await send([]);
    expect(outcome).toMatchObject({ status: 'refused', code: 'blocked_address' });
    const message = (outcome as { message: string }).message;
    expect(message).toContain(`${origin} resolves to 127.0.0.1, a loopback address`);
    expect(message).toContain('KITH_FETCH_ALLOW (e.g. 127.0.0.1/32)');
    expect(message).not.toContain('send the image bytes');
    expect(hits).toBe(0);
    // The region share's message is unchanged: there the client can send the bytes.
    expect(blockedAddress('http://127.0.0.1/p.png', '127.0.0.1', 'loopback').message).toContain('send the image bytes instead');
  });

  it('goes through once the admin allows the range', async () => {
    const outcome = await send(['127.0.0.1/32']);
    // It reaches the server, whose own answer (404 here: no such inbox) decides.
    expect(hits).toBeGreaterThan(0);
    expect(outcome).toMatchObject({ status: 'refused', code: 'http_404' });
  });
});
