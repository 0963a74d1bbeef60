import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { sentRegionShare } from '../helpers/region-fixtures.js';

// docs/security.md "Input, files and outbound fetches": the share page /s/{id} links only to http(s) URLs.
// A `javascript:` imageUrl is refused when the share is made, and one stored before that rule is shown as text.
describe.each(engines)('share page URLs (%s)', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  const share = async (imageUrl: string) =>
    as(t.app, alice).post('/api/region-shares', await sentRegionShare('http://blog.test/post', imageUrl));
  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => t?.close());

  it('refuses an imageUrl that is not http(s), blob: or data: with 400 invalid_request', async () => {
    for (const url of [
      'javascript:alert(document.cookie)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'vbscript:x',
      'file:///etc/passwd',
      '/relative.png',
    ]) {
      const res = await share(url);
      expect([url, res.statusCode, res.json().code, res.json().details?.fields?.[0]?.field]).toEqual([
        url,
        400,
        'invalid_request',
        'body.imageUrl',
      ]);
    }
    expect((await as(t.app, alice).get('/api/region-shares')).json().shares).toEqual([]);
  });

  it('links the original image only when it is an http(s) URL', async () => {
    const web = await share('https://blog.test/p.png');
    expect(web.statusCode, web.body).toBe(201);
    const page = (id: string) => t.app.inject({ method: 'GET', url: `/s/${id}` }).then((r) => r.body);
    expect(await page(web.json().share.id)).toContain('<a href="https://blog.test/p.png" rel="nofollow noopener">the original image</a>');

    // The embed script sends a blob: image's bytes along: accepted, shown without a link.
    const blob = await share('blob:http://blog.test/0b9f7c1e-2f57-4c39-9d0e-0e0e0e0e0e0e');
    expect(blob.statusCode, blob.body).toBe(201);
    const blobPage = await page(blob.json().share.id);
    expect(blobPage).toContain('region of the original image</p>');
    expect(blobPage).not.toContain('href="blob:');

    // A share stored before the rule, with a javascript: URL: rendered as text, never as a link.
    const stored = (await t.container.repos.regionShares.findById(web.json().share.id))!;
    const id = crypto.randomBytes(12).toString('base64url');
    await t.container.repos.regionShares.insert({ ...stored, id, image_url: 'javascript:alert(document.cookie)' });
    const old = await page(id);
    expect(old).not.toMatch(/href="\s*javascript:/i);
    expect(old).toContain('region of the original image</p>');
  });
});
