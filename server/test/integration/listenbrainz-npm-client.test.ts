import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'listenbrainz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, type TestApp } from '../helpers/test-app.js';
import { aliceReachesBob, urlOf } from '../helpers/now-playing.js';

/** A listen as ListenBrainz's JSON documents it (https://listenbrainz.readthedocs.io/en/latest/users/json.html). */
const listen = (track: string, at: number) => ({
  listened_at: at,
  track_metadata: { artist_name: 'Massive Attack', track_name: track, release_name: 'Mezzanine' },
});

/**
 * A loopback reverse proxy to `target` that adds `Authorization: Token <token>` to every request. The npm client
 * sends no Authorization on reads, and Kith shows listens only to the user and their friends, so this stands for a
 * proxy in front of Kith that authenticates the client; it is the only way the client's reads reach a 200.
 */
async function tokenProxy(target: string, token: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host, authorization: `Token ${token}` } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The npm `listenbrainz` client (1.0.x, https://www.npmjs.com/package/listenbrainz) against Kith on a real loopback
// port: it writes with submitListen, reads with getUserListens, and what Kith does not implement answers
// ListenBrainz's JSON 404 `{ code, error }`, never the web app's HTML.
describe.each(engines)('the npm listenbrainz client against Kith on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const { alice } = await aliceReachesBob(t.app);
    token = (await as(t.app, alice).post('/api/now-playing/scrobbler-token', { name: 'npm listenbrainz' })).json().token;
    // The client concatenates its base URL with `1/...`: it must end in `/`.
    base = `${await urlOf(t.app)}/`;
  });
  afterAll(async () => t?.close());

  it('submits single and import listens with submitListen', async () => {
    const client = new Client(token, base);
    await expect(client.submitListen({ listen_type: 'single', payload: [listen('Teardrop', 1_700_000_100)] })).resolves.toEqual({
      status: 200,
    });
    await expect(
      client.submitListen({
        listen_type: 'import',
        payload: [listen('Angel', 1_700_000_200), listen('Inertia Creeps', 1_700_000_300)],
      }),
    ).resolves.toEqual({ status: 200 });
  });

  it("rejects a bad listen with ListenBrainz's JSON error, which the client throws as a string", async () => {
    const client = new Client(token, base);
    const thrown = await client.submitListen({ listen_type: 'single', payload: [] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(typeof thrown).toBe('string');
    expect(JSON.parse(thrown as string)).toEqual({ code: 400, error: expect.any(String) });
  });

  it('reads the listens back with getUserListens when the request carries the token', async () => {
    const proxy = await tokenProxy(base, token);
    try {
      const res = await new Client(token, proxy.url).getUserListens('alice');
      expect(res?.data).toEqual({
        count: 3,
        listens: ['Inertia Creeps', 'Angel', 'Teardrop'].map((track_name) =>
          expect.objectContaining({ artist_name: 'Massive Attack', track_name }),
        ),
      });
    } finally {
      await proxy.close();
    }
  });

  it("gets a JSON 404 for alice's listens without a token, which getUserListens swallows (resolves undefined)", async () => {
    // The client sends no Authorization on reads; to an anonymous caller Kith's listens are private.
    await expect(new Client(token, base).getUserListens('alice')).resolves.toBeUndefined();
    const wire = await fetch(`${base}1/user/alice/listens`);
    expect([wire.status, wire.headers.get('content-type'), await wire.json()]).toEqual([
      404,
      'application/json; charset=utf-8',
      { code: 404, error: 'Cannot find user: alice' },
    ]);
  });

  it("answers getLatestImport, which Kith does not implement, with ListenBrainz's JSON 404", async () => {
    await expect(new Client(token, base).getLatestImport('alice')).resolves.toBeUndefined();
    const wire = await fetch(`${base}1/latest-import?user_name=alice`);
    expect([wire.status, wire.headers.get('content-type')]).toEqual([404, 'application/json; charset=utf-8']);
    expect(await wire.json()).toEqual({ code: 404, error: expect.stringContaining('Kith does not implement GET /1/latest-import') });
  });

  it('throws the JSON 404 through submitListen when the base URL wrongly includes /1/', async () => {
    // A common misconfiguration: the client then posts to /1/1/submit-listens, an unimplemented path.
    const thrown = await new Client(token, `${base}1/`)
      .submitListen({ listen_type: 'single', payload: [listen('Dissolved Girl', 1_700_000_400)] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(JSON.parse(thrown as string)).toEqual({
      code: 404,
      error: expect.stringContaining('Kith does not implement POST /1/1/submit-listens'),
    });
  });
});
