import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { linkContact } from '../helpers/linked-contacts.js';
import { multipart, partyPhoto, postAssets } from '../helpers/photos.js';

// Album sharing: members (viewer / contributor, contacts only through verified accounts) and public links.
describe.each(engines)('album sharing on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser, bob: TestUser, carol: TestUser;
  let albumId: string;
  let otherAlbumId: string;
  const photos: string[] = [];

  const anon = (method: 'GET' | 'POST', url: string, extra: { payload?: unknown; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method, url, payload: extra.payload as any, headers: extra.headers });
  const newLink = async (body: Record<string, unknown> = {}) => {
    const res = await as(t.app, alice).post(`/api/albums/${albumId}/links`, body);
    expect(res.statusCode).toBe(201);
    return res.json().link;
  };
  const uploadVia = async (key: string, name: string | undefined, n: number, headers: Record<string, string> = {}) => {
    const { payload, headers: h } = await multipart(
      [{ filename: `guest${n}.jpg`, data: await partyPhoto(n, { width: 200 }) }],
      name ? { name } : {},
    );
    return anon('POST', `/api/l/${key}/assets`, { payload, headers: { ...h, ...headers } });
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    carol = await signup(t.app, 'carol');
    const res = await postAssets(t.app, alice, [
      { filename: 'a1.jpg', data: await partyPhoto(1, { width: 300 }) },
      { filename: 'a2.jpg', data: await partyPhoto(2, { width: 300 }) },
    ]);
    photos.push(...res.json().results.map((r: any) => r.asset.id));
    albumId = (await as(t.app, alice).post('/api/albums', { name: 'Summer', assetIds: photos })).json().album.id;
    otherAlbumId = (await as(t.app, alice).post('/api/albums', { name: 'Private', assetIds: [photos[0]] })).json().album.id;
  });
  afterAll(async () => t?.close());

  it('invites members as viewer or contributor, with matching permissions; changes and removes them', async () => {
    const invited = await as(t.app, alice).post(`/api/albums/${albumId}/members`, { username: 'bob', role: 'viewer' });
    expect(invited.statusCode).toBe(200);
    expect(invited.json().member).toMatchObject({ id: bob.id, role: 'viewer' });
    expect((await as(t.app, bob).get('/api/albums/shared')).json().albums.map((a: any) => a.id)).toEqual([albumId]);

    const bobPhoto = (await postAssets(t.app, bob, [{ filename: 'b.jpg', data: await partyPhoto(3, { width: 300 }) }])).json().results[0]
      .asset.id;
    const asViewer = await as(t.app, bob).post(`/api/albums/${albumId}/assets`, { assetIds: [bobPhoto] });
    expect(asViewer.statusCode).toBe(403);
    expect(asViewer.json().code).toBe('not_album_contributor');

    const promoted = await as(t.app, alice).patch(`/api/albums/${albumId}/members/${bob.id}`, { role: 'contributor' });
    expect(promoted.json().member.role).toBe('contributor');
    expect((await as(t.app, bob).post(`/api/albums/${albumId}/assets`, { assetIds: [bobPhoto] })).json()).toEqual({ added: 1 });
    // A contributor removes only what they added, and never renames or shares.
    expect((await as(t.app, bob).delete(`/api/albums/${albumId}/assets`, { assetIds: [photos[0], bobPhoto] })).json()).toEqual({
      removed: 1,
    });
    expect((await as(t.app, bob).patch(`/api/albums/${albumId}`, { name: 'Bob’s' })).json().code).toBe('not_album_owner');
    expect((await as(t.app, bob).post(`/api/albums/${albumId}/links`, {})).json().code).toBe('not_album_owner');
    expect((await as(t.app, bob).post(`/api/albums/${albumId}/members`, { username: 'carol', role: 'viewer' })).json().code).toBe(
      'not_album_owner',
    );

    expect((await as(t.app, alice).delete(`/api/albums/${albumId}/members/${bob.id}`)).statusCode).toBe(204);
    expect((await as(t.app, bob).get(`/api/albums/${albumId}`)).statusCode).toBe(404);
    expect((await as(t.app, alice).delete(`/api/albums/${albumId}/members/${bob.id}`)).json().code).toBe('not_found');
    expect((await as(t.app, alice).post(`/api/albums/${albumId}/members`, { username: 'alice', role: 'viewer' })).json().code).toBe(
      'cannot_invite_self',
    );
    expect((await as(t.app, alice).post(`/api/albums/${albumId}/members`, { role: 'viewer' })).json().code).toBe('invalid_request');
  });

  it('invites a contact only through a verified account, or after explicit confirmation', async () => {
    await linkContact(t.container.db, alice, carol);
    const linked = (await as(t.app, alice).get('/api/contacts?q=carol')).json().contacts[0];
    expect((await as(t.app, alice).post(`/api/albums/${albumId}/members`, { contactId: linked.id, role: 'viewer' })).json().member.id).toBe(
      carol.id,
    );

    const dad = (await as(t.app, alice).post('/api/contacts', { name: 'Dad', emails: ['dad@example.com'] })).json().contact;
    const nobody = await as(t.app, alice).post(`/api/albums/${albumId}/members`, { contactId: dad.id, role: 'viewer' });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.json().code).toBe('contact_not_on_kith');

    // mallory claims dad's address without verifying it: alice must confirm before mallory sees anything.
    const mallory = await signup(t.app, 'mallory');
    await as(t.app, mallory).patch('/api/me', { email: 'dad@example.com' });
    const ask = await as(t.app, alice).post(`/api/albums/${albumId}/members`, { contactId: dad.id, role: 'viewer' });
    expect(ask.statusCode).toBe(409);
    expect(ask.json()).toMatchObject({ code: 'confirmation_required', details: { account: { username: 'mallory' }, matchedOn: 'email' } });
    expect((await as(t.app, mallory).get(`/api/albums/${albumId}`)).statusCode).toBe(404);
    const confirmed = await as(t.app, alice).post(`/api/albums/${albumId}/members`, { contactId: dad.id, role: 'viewer', confirm: true });
    expect(confirmed.json().member.id).toBe(mallory.id);
    expect((await as(t.app, mallory).get(`/api/albums/${albumId}`)).statusCode).toBe(200);
    // Another user's contact id is not found, whoever asks.
    expect((await as(t.app, bob).post(`/api/albums/${albumId}/members`, { contactId: dad.id, role: 'viewer' })).statusCode).toBe(404);
  });

  it('creates, lists, updates and revokes links; the page answers 404/410 in HTML or JSON', async () => {
    const link = await newLink({ label: 'Family' });
    expect(link).toMatchObject({
      albumId,
      albumName: 'Summer',
      hasPassword: false,
      allowDownload: true,
      allowUpload: false,
      state: 'active',
    });
    expect(link.key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(link.url).toMatch(new RegExp(`/l/${link.key}$`));
    expect((await as(t.app, alice).get('/api/album-links')).json().links.map((l: any) => l.id)).toContain(link.id);
    expect((await as(t.app, bob).get('/api/album-links')).json().links).toEqual([]);
    expect((await as(t.app, bob).patch(`/api/album-links/${link.id}`, { allowUpload: true })).statusCode).toBe(404);

    const page = await anon('GET', `/l/${link.key}`, { headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const seen = await anon('GET', `/api/l/${link.key}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ album: { name: 'Summer', ownerName: 'alice' }, allowDownload: true, allowUpload: false });
    // Nothing beyond the album: no account ids, usernames, locations or file names.
    expect(seen.body).not.toContain(alice.id);
    expect(seen.body).not.toMatch(/latitude|originalName|username/);

    const updated = await as(t.app, alice).patch(`/api/album-links/${link.id}`, { allowUpload: true, label: null });
    expect(updated.json().link).toMatchObject({ allowUpload: true, label: null });
    expect((await as(t.app, alice).post(`/api/albums/${albumId}/links`, { expiresAt: '2001-01-01T00:00:00Z' })).json().code).toBe(
      'expiry_in_past',
    );

    expect((await as(t.app, alice).delete(`/api/album-links/${link.id}`)).statusCode).toBe(204);
    const gone = await anon('GET', `/l/${link.key}`, { headers: { accept: 'text/html' } });
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toMatch(/text\/html/);
    expect(gone.body).toContain('This link no longer works');
    expect((await anon('GET', `/l/${link.key}`, { headers: { accept: 'application/json' } })).json().code).toBe('link_revoked');
    expect((await anon('GET', `/api/l/${link.key}`)).json().code).toBe('link_revoked');
    expect((await as(t.app, alice).patch(`/api/album-links/${link.id}`, { allowUpload: false })).json().code).toBe('link_revoked');
    const unknown = await anon('GET', '/l/AAAAAAAAAAAAAAAAAAAAAA', { headers: { accept: 'text/html' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This link is not here');
    expect((await anon('GET', '/l/short')).statusCode).toBe(404);
  });

  it('stops working once expired', async () => {
    const link = await newLink({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await anon('GET', `/api/l/${link.key}`)).statusCode).toBe(200);
    await t.container.db
      .updateTable('album_link')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', link.id)
      .execute();
    const res = await anon('GET', `/api/l/${link.key}`);
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('link_expired');
    expect((await anon('GET', `/l/${link.key}`)).statusCode).toBe(410);
    expect((await as(t.app, alice).get(`/api/albums/${albumId}/links`)).json().links.find((l: any) => l.id === link.id).state).toBe(
      'expired',
    );
  });

  it('asks for the password, and lets in only with the right one', async () => {
    const link = await newLink({ password: 'sunflower' });
    expect(link.hasPassword).toBe(true);
    const locked = await anon('GET', `/api/l/${link.key}`);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('link_password_required');
    expect(locked.body).not.toContain('Summer');
    expect((await anon('GET', `/api/l/${link.key}/assets/${photos[1]}/thumbnail`)).json().code).toBe('link_password_required');

    const wrong = await anon('POST', `/api/l/${link.key}/unlock`, { payload: { password: 'tulip' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('wrong_link_password');
    const right = await anon('POST', `/api/l/${link.key}/unlock`, { payload: { password: 'sunflower' } });
    expect(right.statusCode).toBe(200);
    const cookie = String(right.headers['set-cookie']).split(';')[0];
    expect(String(right.headers['set-cookie'])).toContain(`Path=/api/l/${link.key}`);
    expect((await anon('GET', `/api/l/${link.key}`, { headers: { cookie } })).statusCode).toBe(200);
    expect((await anon('GET', `/api/l/${link.key}`, { headers: { 'x-kith-link-token': right.json().token } })).statusCode).toBe(200);

    // A new password ends the old access.
    await as(t.app, alice).patch(`/api/album-links/${link.id}`, { password: 'daffodil' });
    expect((await anon('GET', `/api/l/${link.key}`, { headers: { cookie } })).json().code).toBe('link_password_required');
  });

  it('serves originals only when download is allowed, and only photos of this album', async () => {
    const noDl = await newLink({ allowDownload: false });
    const view = (await anon('GET', `/api/l/${noDl.key}`)).json();
    expect(view.assets.every((a: any) => a.originalUrl === null)).toBe(true);
    expect((await anon('GET', `/api/l/${noDl.key}/assets/${photos[1]}/thumbnail`)).statusCode).toBe(200);
    const original = await anon('GET', `/api/l/${noDl.key}/assets/${photos[1]}/original`);
    expect(original.statusCode).toBe(403);
    expect(original.json().code).toBe('download_not_allowed');

    const dl = await newLink();
    const ok = await anon('GET', `/api/l/${dl.key}/assets/${photos[1]}/original`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    // Strangers cannot reach other albums or photos through a link, nor list albums.
    const carolPhoto = (await postAssets(t.app, carol, [{ filename: 'c.jpg', data: await partyPhoto(4, { width: 200 }) }])).json()
      .results[0].asset.id;
    expect((await anon('GET', `/api/l/${dl.key}/assets/${carolPhoto}/original`)).json().code).toBe('not_found');
    expect((await anon('GET', '/api/albums')).statusCode).toBe(401);
    expect((await anon('GET', `/api/albums/${otherAlbumId}`)).statusCode).toBe(401);
    expect((await anon('GET', `/api/albums/${otherAlbumId}/links`)).statusCode).toBe(401);
  });

  it('accepts uploads only when allowed, credited to the name the visitor gives', async () => {
    const closed = await newLink();
    const refused = await uploadVia(closed.key, 'Grandma', 5);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('upload_not_allowed');

    const open = await newLink({ allowUpload: true });
    const nameless = await uploadVia(open.key, undefined, 5);
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().code).toBe('uploader_name_required');

    const up = await uploadVia(open.key, 'Grandma Rose', 5);
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ added: 1, results: [{ filename: 'guest5.jpg', status: 'created' }] });

    const album = (await as(t.app, alice).get(`/api/albums/${albumId}`)).json().album;
    const guest = album.assets.find((a: any) => a.originalName === 'guest5.jpg');
    expect(guest).toMatchObject({ uploaderName: 'Grandma Rose', owner: { id: alice.id } });
    expect(album.assets.filter((a: any) => a.uploaderName === null).length).toBe(album.assets.length - 1);
    const publicView = (await anon('GET', `/api/l/${open.key}`)).json();
    expect(publicView.assets.find((a: any) => a.id === guest.id)).toMatchObject({ addedBy: 'Grandma Rose', viaLink: true });

    const notImage = await multipart([{ filename: 'x.txt', data: Buffer.from('hello') }], { name: 'Eve' });
    const bad = await anon('POST', `/api/l/${open.key}/assets`, { payload: notImage.payload, headers: notImage.headers });
    expect(bad.json().results[0]).toMatchObject({ status: 'failed', error: { code: 'unsupported_media_type' } });
  });
});
