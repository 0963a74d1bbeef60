import { createKithClient } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signup, type TestApp } from '../helpers/test-app.js';

// The generated SDK against a real listening server: the same client the web app, CLI and demo use.
describe('typed SDK over real HTTP', () => {
  let t: TestApp;
  let baseUrl: string;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const alice = await signup(t.app, 'alice');
    token = (await as(t.app, alice).post('/api/me/tokens', { name: 'sdk' })).json().token;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => t?.close());

  it('authenticates with a Bearer token and reads typed data', async () => {
    const kith = createKithClient({ baseUrl, token });
    const { data, error } = await kith.GET('/api/me');
    expect(error).toBeUndefined();
    expect(data?.account.username).toBe('alice');
    const created = await kith.POST('/api/albums', { body: { name: 'From the SDK' } });
    expect(created.data?.album.name).toBe('From the SDK');
  });

  it('calls operations by operationId, typed, a file download included', async () => {
    const kith = createKithClient({ baseUrl, token });
    const created = await kith.op.createAlbum({ body: { name: 'Named' } });
    expect(created.data?.album.name).toBe('Named');
    const one = await kith.op.getAlbum({ params: { path: { id: created.data!.album.id } } });
    expect(one.data?.album.name).toBe('Named');
    await kith.op.createContact({ body: { name: 'Ann Example', phones: ['+4915112345678'] } });
    const vcard = await kith.op.exportContacts({ parseAs: 'text' });
    expect(vcard.response.headers.get('content-type')).toMatch(/^text\/vcard/);
    expect(vcard.data).toContain('FN:Ann Example');
  });

  it('surfaces the server error code', async () => {
    const kith = createKithClient({ baseUrl, token: 'kith_wrong' });
    const { error, response } = await kith.GET('/api/me');
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: 'unauthorized' });
  });
});
