import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { sentRegionShare } from '../helpers/region-fixtures.js';

/** What Chromium sends when a person opens a link. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

// The public share page /s/{id} is opened by strangers with a browser: they only ever see pages,
// and every link on the page works for them without an account.
describe.each(engines)('share page for a logged-out visitor (%s)', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  const visit = (url: string, accept = BROWSER_ACCEPT) => t.app.inject({ method: 'GET', url, headers: { accept } });
  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => t?.close());

  it('answers an unknown or malformed share id with an HTML 404 page, and JSON only to a client asking for JSON', async () => {
    for (const url of ['/s/AAAAAAAAAAAAAAAA', '/s/not-a-share', '/s/%3Cscript%3E']) {
      const res = await visit(url);
      expect([url, res.statusCode, res.headers['content-type']]).toEqual([url, 404, 'text/html; charset=utf-8']);
      expect(res.body).toContain('<title>Share not found · Kith</title>');
      expect(res.body).not.toContain('<script');
    }
    // No Accept at all (a link unfurler, curl): the page too.
    expect((await t.app.inject({ method: 'GET', url: '/s/AAAAAAAAAAAAAAAA' })).headers['content-type']).toMatch(/^text\/html/);
    const json = await visit('/s/AAAAAAAAAAAAAAAA', 'application/json');
    expect([json.statusCode, json.json().code]).toEqual([404, 'not_found']);
    const bad = await visit('/s/not-a-share', 'application/json, text/html;q=0.5');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'invalid_request']);
  });

  it('links nothing on the instance that needs a login: a share made on Kith itself names its album and photo', async () => {
    const res = await as(t.app, alice).post(
      '/api/region-shares',
      await sentRegionShare(
        'http://kith.test/albums/0b9f7c1e-2f57-4c39-9d0e-0e0e0e0e0e0e',
        'http://kith.test/api/assets/0b9f7c1e-2f57-4c39-9d0e-0e0e0e0e0e0e/original',
      ),
    );
    expect(res.statusCode, res.body).toBe(201);
    const page = await visit(`/s/${res.json().share.id}`);
    expect([page.statusCode, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.body).toContain('from a Kith album on kith.test');
    expect(page.body).toContain('region of a photo in that album');
    // Every link and image of the page that points at this instance opens for a stranger, and none is a JSON error.
    const urls = [...page.body.matchAll(/(?:href|src|content)="(http:\/\/kith\.test[^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of new Set(urls)) {
      const r = await visit(new URL(url).pathname);
      expect([url, r.statusCode]).toEqual([url, 200]);
      expect([url, r.headers['content-type']]).not.toEqual([url, expect.stringMatching(/json/)]);
    }
  });
});
