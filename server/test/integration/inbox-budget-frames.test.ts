import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faceless } from '../helpers/face-fixtures.js';
import { postMultipart, postXml, packetFor, registerReferenceFace } from '../helpers/inbox.js';
import { partyPath, partyPhoto } from '../helpers/photos.js';
import { createTestApp, engines, signup, type TestApp } from '../helpers/test-app.js';

/**
 * The album inbox under abuse (docs/security.md "Server-to-server deliveries and the album inbox"):
 * junk must not spend a recipient's budget, and only what the face check saw is stored. Alice's
 * registered face is party guest 0, shown in party photo 1. Limits are the defaults (60 packets a
 * minute per source address, 120 per recipient).
 */
describe.each(engines)('album inbox budget and frames on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: true, faceWorkers: 1 });
    const alice = await signup(t.app, 'alice');
    await registerReferenceFace(t, alice, 0);
  }, 120_000);
  afterAll(async () => t?.close());

  /** The stored original of an accepted picture. */
  const storedBytes = async (assetId: string) => {
    const asset = await t.container.assets.findById(assetId);
    return t.container.blobs.read(asset!.sha256);
  };

  it('120 invalid 60-byte packets from three addresses do not make a real photo of alice answer 429', async () => {
    const junk = '<packet><username>alice</username><picture>'.padEnd(60, '#');
    expect(Buffer.byteLength(junk)).toBe(60);
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      for (let i = 0; i < 40; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/inbox/alice',
          remoteAddress: ip,
          payload: junk,
          headers: { 'content-type': 'application/xml' },
        });
        expect([res.statusCode, res.json().code]).toEqual([400, 'invalid_packet']);
      }
    const real = await postXml(t, 'alice', packetFor('alice', [{ name: 'party.jpg', bytes: await partyPhoto(1) }]));
    expect([real.statusCode, real.json().accepted]).toEqual([200, 1]);
  });

  /** Frames of one size: party photo 1 (alice) first, then `others`. */
  const frames = async (others: Buffer[]) =>
    Promise.all([await partyPhoto(1, { width: 640 }), ...others].map((f) => sharp(f).resize(640, 427, { fit: 'cover' }).png().toBuffer()));

  for (const format of ['gif', 'webp'] as const)
    it(`an animated ${format.toUpperCase()} is stored as the one frame the face check saw`, async () => {
      const strip = await frames([await faceless(), await sharp(partyPath(2)).toBuffer()]);
      const animated = await sharp(strip, { join: { animated: true } })
        [format]()
        .toBuffer();
      expect((await sharp(animated, { pages: -1 }).metadata()).pages).toBe(3);
      const res = await postMultipart(t, 'alice', [{ filename: `party.${format}`, data: animated, type: `image/${format}` }]);
      expect([res.statusCode, res.json().pictures[0].status]).toEqual([200, 'accepted']);
      const stored = await storedBytes(res.json().pictures[0].assetId);
      const meta = await sharp(stored, { pages: -1 }).metadata();
      expect(meta).toMatchObject({ format, width: 640, height: 427 });
      expect(meta.pages ?? 1).toBe(1);
    });

  it('a JPEG with another JPEG appended is stored without the appended one', async () => {
    const [first, second] = [await partyPhoto(1, { width: 700 }), await sharp(partyPath(2)).resize({ width: 700 }).jpeg().toBuffer()];
    const joined = Buffer.concat([first, second]);
    const res = await postMultipart(t, 'alice', [{ filename: 'joined.jpg', data: joined }]);
    expect([res.statusCode, res.json().pictures[0].status]).toEqual([200, 'accepted']);
    const stored = await storedBytes(res.json().pictures[0].assetId);
    expect(stored.length).toBeLessThan(joined.length);
    const middle = second.subarray(second.length >> 1, (second.length >> 1) + 64);
    expect(joined.indexOf(middle)).toBeGreaterThan(0);
    expect(stored.indexOf(middle)).toBe(-1);
    // One image, ending at its EOI marker.
    expect(stored.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect((await sharp(stored).metadata()).width).toBe(700);
  });
});
