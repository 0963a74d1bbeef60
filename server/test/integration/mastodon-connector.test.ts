import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { loopServer, patternPng, rawOf, rawRegion, type LoopServer } from '../helpers/region-fixtures.js';
import { startFakeMastodon, type FakeMastodon } from '../helpers/fake-mastodon.js';

const TOKEN = 'mastodon-user-token-0123456789';

describe.each(engines)('Mastodon connector (%s)', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let images: LoopServer;
  let mastodon: FakeMastodon;
  let pattern: Buffer;

  beforeAll(async () => {
    pattern = await patternPng(200, 150);
    images = await loopServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(pattern));
    mastodon = await startFakeMastodon(TOKEN);
    t = await createTestApp(engine, { fetchAllow: ['127.0.0.1/32'] }, { mastodonPollMs: 5 });
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => {
    await t?.close();
    await mastodon?.close();
    await images?.close();
  });

  it('refuses a token the instance rejects, and stores a good one encrypted', async () => {
    const bad = await as(t.app, alice).put('/api/connectors/mastodon', { instanceUrl: mastodon.url, accessToken: 'wrong-token-123' });
    expect(bad.statusCode).toBe(502);
    expect(bad.json().code).toBe('mastodon_error');

    const ok = await as(t.app, alice).put('/api/connectors/mastodon', {
      instanceUrl: `${mastodon.url}/`,
      accessToken: TOKEN,
      visibility: 'unlisted',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().mastodon).toEqual({ instanceUrl: mastodon.url, acct: 'alice', visibility: 'unlisted' });
    const row = await t.container.db.selectFrom('connector_link').selectAll().where('kind', '=', 'mastodon').executeTakeFirstOrThrow();
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(TOKEN);
    expect(JSON.stringify(ok.json())).not.toContain(TOKEN);
    const targets = (await as(t.app, alice).get('/api/region-shares/targets')).json().targets.map((x: { id: string }) => x.id);
    expect(targets).toContain('mastodon');
  });

  it('uploads the crop with alt text, polls while 206, posts one status even when a retry repeats it', async () => {
    mastodon.failStatuses = 1; // the first status POST fails: the job retries with the same Idempotency-Key
    const rect = { x: 50, y: 40, width: 64, height: 48 };
    const res = await as(t.app, alice).post('/api/region-shares', {
      pageUrl: 'https://gallery.example/p/7',
      imageUrl: `${images.url}/photo.png`,
      imageIndex: 0,
      rect,
      fraction: { x: 0.25, y: 40 / 150, width: 0.32, height: 0.32 },
      naturalWidth: 200,
      naturalHeight: 150,
      description: 'Look at this corner',
      target: 'mastodon',
    });
    expect(res.statusCode, res.body).toBe(201);
    const share = res.json().share;
    expect(share.delivery.status).toBe('queued');
    await t.container.jobs.drain();

    const media = mastodon.media.at(-1)!;
    expect(media.description).toBe('Look at this corner');
    expect(media.mime).toBe('image/png');
    expect((await rawOf(media.bytes)).data.equals(await rawRegion(pattern, rect))).toBe(true);
    expect(mastodon.log.filter((l) => l.startsWith(`GET /api/v1/media/${media.id} 206`))).toHaveLength(1);

    const posted = mastodon.statuses.filter((s) => s.idempotencyKey === `kith-region-${share.id}`);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ mediaIds: [media.id], visibility: 'unlisted' });
    expect(posted[0].status).toBe(`Look at this corner\n\nhttp://kith.test/s/${share.id}`);
    expect(mastodon.log.filter((l) => l.startsWith('POST /api/v1/statuses 503'))).toHaveLength(1);

    const after = (await as(t.app, alice).get(`/api/region-shares/${share.id}`)).json().share;
    expect(after.delivery).toEqual({ status: 'delivered', url: `https://social.example/@alice/${posted[0].id}`, error: null });
  });

  it('unlinks', async () => {
    expect((await as(t.app, alice).delete('/api/connectors/mastodon')).statusCode).toBe(204);
    expect((await as(t.app, alice).get('/api/connectors')).json().mastodon).toBeNull();
  });
});
