import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { partyFaceCrop } from '../helpers/face-fixtures.js';
import { packetFor, postMultipart, postXml, registerReferenceFace, storedFiles, storedState } from '../helpers/inbox.js';
import { partyPhoto } from '../helpers/photos.js';
import { as, createTestApp, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

// The inbox is the internet-facing door (docs/security.md): each attack has its own test and
// none may leave an asset row, an inbox item, a blob or a temp file behind.
describe('album inbox security', () => {
  let t: TestApp;
  let bob: TestUser;
  let withBob: Buffer;
  let stranger: Buffer;
  const limits = {
    inboxMaxPacketBytes: 600_000,
    inboxMaxPictureBytes: 200_000,
    inboxMaxPictures: 4,
    inboxRatePerIp: 100_000,
    inboxRatePerRecipient: 100_000,
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { faceAnalysis: true, faceWorkers: 1, ...limits });
    bob = await signup(t.app, 'bob');
    await registerReferenceFace(t, bob, 0);
    [withBob, stranger] = await Promise.all([partyPhoto(1), partyFaceCrop(1)]);
    expect(withBob.length).toBeLessThan(limits.inboxMaxPictureBytes);
  });
  afterAll(async () => t?.close());

  /** Runs `attack` and checks that it stored nothing at all. */
  async function storesNothing(attack: () => Promise<void>) {
    const before = await storedState(t);
    await attack();
    expect(await storedState(t)).toEqual(before);
  }

  it('fuzz: arbitrary XML-ish bodies never crash the inbox (fast-check)', async () => {
    const token = fc.constantFrom(
      '<packet>',
      '</packet>',
      '<username>bob</username>',
      '<picture>',
      '</picture>',
      '<picture name="',
      '">',
      'QUFB',
      '/9j/',
      '&amp;',
      '&x;',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<',
      '>',
      '"',
      ' ',
      'é',
    );
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(token, { maxLength: 60 }).map((x) => x.join('')),
    );
    await storesNothing(async () => {
      await fc.assert(
        fc.asyncProperty(body, async (xml) => {
          const res = await postXml(t, 'bob', xml);
          expect(res.statusCode).toBeLessThan(500);
          expect([400, 413, 415, 422]).toContain(res.statusCode);
        }),
        { numRuns: 150 },
      );
    });
  });

  it('fuzz: well-formed packets with arbitrary names, senders and bytes are answered per picture (fast-check)', async () => {
    const picture = fc.record({ name: fc.string({ maxLength: 60 }), bytes: fc.uint8Array({ minLength: 1, maxLength: 300 }) });
    const sender = fc.record({ name: fc.string({ maxLength: 80 }), address: fc.string({ maxLength: 80 }) });
    await storesNothing(async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(picture, { minLength: 1, maxLength: 3 }), sender, async (pictures, who) => {
          const res = await postXml(t, 'bob', packetFor('bob', pictures, who));
          expect(res.statusCode).toBe(422);
          const body = res.json();
          expect(body.pictures).toHaveLength(pictures.length);
          for (const p of body.pictures) expect(p).toMatchObject({ status: 'refused', code: 'invalid_image' });
        }),
        { numRuns: 40 },
      );
    });
  });

  it('fuzz: arbitrary multipart bodies and parts never crash the inbox (fast-check)', async () => {
    const raw = fc.uint8Array({ maxLength: 2000 });
    const part = fc.record({
      name: fc.constantFrom('picture', 'packet', 'username', 'sender_name', 'x'),
      filename: fc.string({ maxLength: 40 }),
      data: fc.uint8Array({ maxLength: 500 }),
    });
    await storesNothing(async () => {
      await fc.assert(
        fc.asyncProperty(raw, fc.array(part, { maxLength: 6 }), async (bytes, parts) => {
          const garbage = await t.app.inject({
            method: 'POST',
            url: '/inbox/bob',
            payload: Buffer.from(bytes),
            headers: { 'content-type': 'multipart/form-data; boundary=----kith' },
          });
          expect(garbage.statusCode).toBeLessThan(500);
          const res = await postMultipart(
            t,
            'bob',
            parts.map((p) => ({ ...p, filename: p.filename || 'f', data: Buffer.from(p.data) })),
            { username: 'bob' },
          );
          expect(res.statusCode).toBeLessThan(500);
        }),
        { numRuns: 60 },
      );
    });
  });

  it('XXE: an external entity pointing at a local file is never read', async () => {
    const secretFile = path.join(os.tmpdir(), `kith-xxe-${process.pid}.txt`);
    fs.writeFileSync(secretFile, 'TOP-SECRET-XXE-MARKER');
    try {
      await storesNothing(async () => {
        const xxe = `<?xml version="1.0"?><!DOCTYPE packet [<!ENTITY xxe SYSTEM "file://${secretFile}">]><packet><username>bob</username><sender_name>&xxe;</sender_name><picture name="a.jpg">${withBob.toString('base64')}</picture></packet>`;
        const res = await postXml(t, 'bob', xxe);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('invalid_packet');
        expect(res.body).not.toContain('TOP-SECRET');
        // The same packet as a multipart `packet` part.
        const form = await postMultipart(t, 'bob', [
          { name: 'packet', filename: 'p.xml', data: Buffer.from(xxe), type: 'application/xml' },
        ]);
        expect([form.statusCode, form.json().code]).toEqual([400, 'invalid_packet']);
      });
    } finally {
      fs.rmSync(secretFile, { force: true });
    }
  });

  it('billion laughs: nested entity declarations are refused before any expansion', async () => {
    const lol = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ].join('');
    await storesNothing(async () => {
      const res = await postXml(
        t,
        'bob',
        `<?xml version="1.0"?><!DOCTYPE lolz [${lol}]><packet><username>&lol9;</username><picture>QUFB</picture></packet>`,
      );
      expect([res.statusCode, res.json().code]).toEqual([400, 'invalid_packet']);
    });
  });

  it('oversized base64: a picture or a packet over the limits is 413 with its code', async () => {
    await storesNothing(async () => {
      const big = Buffer.alloc(limits.inboxMaxPictureBytes + 1000, 7);
      const res = await postXml(t, 'bob', packetFor('bob', [{ name: 'big.jpg', bytes: big }]));
      expect([res.statusCode, res.json().code]).toEqual([413, 'packet_too_large']);
      const huge = Buffer.alloc(limits.inboxMaxPacketBytes, 65).toString();
      const body = await postXml(t, 'bob', `<packet><picture>${huge}</picture></packet>`);
      expect([body.statusCode, body.json().code]).toEqual([413, 'packet_too_large']);
      const file = await postMultipart(t, 'bob', [{ filename: 'big.jpg', data: big }]);
      expect([file.statusCode, file.json().code]).toEqual([413, 'packet_too_large']);
      const many = await postXml(
        t,
        'bob',
        packetFor(
          'bob',
          Array.from({ length: 5 }, (_, i) => ({ name: `${i}.jpg`, bytes: stranger.subarray(0, 100) })),
        ),
      );
      expect([many.statusCode, many.json().code]).toEqual([413, 'too_many_pictures']);
    });
  });

  it('wrong content types are 415 unsupported_media_type', async () => {
    await storesNothing(async () => {
      for (const [type, payload] of [
        ['application/json', JSON.stringify({ username: 'bob', picture: withBob.toString('base64') })],
        // Malformed or empty JSON is still the wrong media type, not a 400 from a JSON parser.
        ['application/json', '{"username": "bob", "picture":'],
        ['application/json', ''],
        ['text/plain', packetFor('bob', [{ name: 'a.jpg', bytes: withBob }])],
        ['image/jpeg', withBob],
        ['application/x-www-form-urlencoded', 'username=bob&picture=abc'],
      ] as const) {
        const res = await t.app.inject({ method: 'POST', url: '/inbox/bob', payload, headers: { 'content-type': type } });
        expect([type, res.statusCode, res.json().code]).toEqual([type, 415, 'unsupported_media_type']);
      }
    });
  });

  it('path traversal in file names: the picture is stored under its content hash, the name kept as its last segment', async () => {
    const outside = path.resolve(t.config.dataDir, '..', 'etc', 'passwd');
    const refused = await postMultipart(t, 'bob', [{ filename: '../../etc/passwd', data: stranger }]);
    expect(refused.json().pictures[0]).toMatchObject({ name: 'passwd', code: 'face_not_found' });

    const before = await storedState(t);
    const res = await postXml(t, 'bob', packetFor('bob', [{ name: '../../../../etc/passwd', bytes: withBob }]));
    expect(res.statusCode).toBe(200);
    expect(res.json().pictures[0]).toMatchObject({ name: 'passwd', status: 'accepted' });
    const after = await storedState(t);
    expect(after.assets).toBe(before.assets + 1);
    const blobs = path.join(t.config.dataDir, 'blobs');
    for (const f of after.files) expect(f.startsWith(blobs + path.sep)).toBe(true); // nothing left in tmp/
    expect(after.files.some((f) => path.basename(f) === 'passwd')).toBe(false);
    expect(fs.existsSync(outside)).toBe(false);
    const asset = await t.container.db
      .selectFrom('asset')
      .select('original_name')
      .where('id', '=', res.json().pictures[0].assetId)
      .executeTakeFirstOrThrow();
    expect(asset.original_name).toBe('passwd');
  });

  it('a failure while filing an accepted picture leaves no asset, no blob and no temp file', async () => {
    const fresh = await partyPhoto(1, { width: 660 });
    await storesNothing(async () => {
      const insertItem = vi.spyOn(t.container.repos.inbox, 'insertItem').mockRejectedValueOnce(new Error('disk full'));
      const res = await postXml(t, 'bob', packetFor('bob', [{ name: 'fresh.jpg', bytes: fresh }]));
      expect([res.statusCode, res.json().code]).toEqual([500, 'internal_error']);
      expect(insertItem).toHaveBeenCalledTimes(1);
      insertItem.mockRestore();
    });
  });

  it('unicode in sender and file names is kept exactly, and a refused one stores nothing', async () => {
    const sender = { name: 'Zoë 🎉 Łódź — ‮evil‬ 名前', address: 'zoë@kith-a.example' };
    const name = 'фото 🎂 café.jpg';
    await storesNothing(async () => {
      const res = await postXml(t, 'bob', packetFor('bob', [{ name, bytes: stranger }], sender));
      expect(res.json().pictures[0]).toMatchObject({ name, code: 'face_not_found' });
    });
    const res = await postMultipart(t, 'bob', [{ filename: name, data: await partyPhoto(1, { width: 720 }) }], {
      sender_name: sender.name,
      sender_address: sender.address,
    });
    expect(res.statusCode).toBe(200);
    const item = (await as(t.app, bob).get('/api/inbox')).json().items[0];
    expect(item).toMatchObject({ pictureName: name, sender: { name: sender.name, address: sender.address } });
  });
});

describe('album inbox rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { inboxRatePerIp: 3, inboxRatePerRecipient: 5 });
    await signup(t.app, 'bob');
  });
  afterAll(async () => t?.close());

  const post = (account: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: `/inbox/${account}`,
      remoteAddress: ip,
      payload: packetFor(account, [{ name: 'a.jpg', bytes: Buffer.from('x') }]),
      headers: { 'content-type': 'application/xml' },
    });

  it('answers 429 rate_limited past KITH_INBOX_RATE_PER_IP packets a minute from one address', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(`user${i}`, '203.0.113.7')).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const res = await post('bob', '203.0.113.7');
    expect([res.statusCode, res.json().code]).toEqual([429, 'rate_limited']);
    // A forged X-Forwarded-For does not make a new client: no proxy is trusted by default (KITH_TRUST_PROXY).
    const forged = await t.app.inject({
      method: 'POST',
      url: '/inbox/user9',
      remoteAddress: '203.0.113.7',
      payload: packetFor('user9', [{ name: 'a.jpg', bytes: Buffer.from('x') }]),
      headers: { 'content-type': 'application/xml', 'x-forwarded-for': '192.0.2.99' },
    });
    expect(forged.statusCode).toBe(429);
  });

  it('answers 429 rate_limited past KITH_INBOX_RATE_PER_RECIPIENT packets a minute to one account, from any address', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await post('bob', `198.51.100.${i + 1}`)).statusCode);
    // bob has no reference face (409) until the recipient's budget is spent.
    expect(statuses).toEqual([409, 409, 409, 409, 409, 429, 429]);
    expect(storedFiles(t)).toEqual([]);
    const n = await t.container.db.selectFrom('asset').select(t.container.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
