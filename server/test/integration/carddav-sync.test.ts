import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { patternPng } from '../helpers/region-fixtures.js';
import { card, radicaleInstalled, startRadicale, type Radicale } from '../helpers/radicale.js';

const PASSWORD = 'radicale-pass-1';
const installed = await radicaleInstalled();

interface ContactOut {
  id: string;
  name: string;
  phones: string[];
  emails: string[];
  hasPhoto?: boolean;
}

describe.skipIf(!installed).each(engines)('CardDAV sync against Radicale (%s)', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let dav: Radicale;
  let bookUrl: string;
  let bookId: string;
  let png: Buffer;

  const contacts = async () =>
    ((await as(t.app, alice).get('/api/contacts?limit=100')).json().contacts as ContactOut[]).sort((a, b) => a.name.localeCompare(b.name));
  const syncNow = async () => {
    const res = await as(t.app, alice).post(`/api/carddav/books/${bookId}/sync`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().counts as Record<string, number>;
  };

  beforeAll(async () => {
    png = await patternPng(64, 64);
    dav = await startRadicale({ alice: PASSWORD });
    bookUrl = await dav.createBook('alice');
    t = await createTestApp(engine, { fetchAllow: ['127.0.0.1/32'], carddavIntervalMs: 0 });
    alice = await signup(t.app, 'alice');
  });
  afterAll(async () => {
    await t?.close();
    await dav?.stop();
  });

  it('refuses a wrong password and a private address outside KITH_FETCH_ALLOW', async () => {
    const bad = await as(t.app, alice).post('/api/carddav/books', { url: bookUrl, username: 'alice', password: 'wrong' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('carddav_auth');
    const privateUrl = bookUrl.replace('127.0.0.1', '10.0.0.1');
    const blocked = await as(t.app, alice).post('/api/carddav/books', { url: privateUrl, username: 'alice', password: PASSWORD });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().code).toBe('blocked_address');
    const invalid = await as(t.app, alice).post('/api/carddav/books', { url: 'ftp://x', username: '', password: PASSWORD });
    expect(invalid.statusCode).toBe(400);
  });

  it('connects by the server URL (discovery), seals the password and syncs added cards with photo and links', async () => {
    await dav.put(bookUrl, 'ann.vcf', card('ann', 'Ann Lee', 'TEL:+46 8 123 456 78', 'EMAIL:ann@example.org'));
    await dav.put(bookUrl, 'bo.vcf', card('bo', 'Bo Berg', 'EMAIL:bo@example.org', `PHOTO;ENCODING=b;TYPE=PNG:${png.toString('base64')}`));
    // Skipped by the import's rules: its only phone number cannot be read and it has no e-mail.
    await dav.put(bookUrl, 'unreadable.vcf', card('bad', 'Unreadable', 'TEL:call me'));

    const res = await as(t.app, alice).post('/api/carddav/books', { url: `${dav.origin}/`, username: 'alice', password: PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ url: bookUrl, username: 'alice', displayName: 'Family' });
    expect(JSON.stringify(res.json())).not.toContain(PASSWORD);
    bookId = res.json().id;
    const row = await t.container.db.selectFrom('carddav_book').selectAll().executeTakeFirstOrThrow();
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(PASSWORD);
    const again = await as(t.app, alice).post('/api/carddav/books', { url: bookUrl, username: 'alice', password: PASSWORD });
    expect(again.statusCode).toBe(409);

    await t.container.jobs.drain(); // the queued first sync
    const list = await contacts();
    expect(list.map((c) => c.name)).toEqual(['Ann Lee', 'Bo Berg']);
    expect(list[0].phones).toEqual(['+46812345678']);
    const bo = await as(t.app, alice).get(`/api/contacts/${list[1].id}/photo`);
    expect(bo.statusCode).toBe(200);
    expect(Buffer.from(bo.rawPayload).equals(png)).toBe(true);

    const books = (await as(t.app, alice).get('/api/carddav/books')).json();
    expect(books[0]).toMatchObject({ lastStatus: 'ok', cards: 3, conflicts: 0, lastCounts: { added: 2, skipped: 1 } });
    expect(await syncNow()).toEqual({ added: 0, changed: 0, deleted: 0, conflicts: 0, skipped: 0 });
  });

  it('follows changed and deleted cards', async () => {
    await dav.put(bookUrl, 'ann.vcf', card('ann', 'Ann Lee-Berg', 'TEL:+46 8 123 456 78', 'EMAIL:ann.berg@example.org'));
    await dav.delete(bookUrl, 'bo.vcf');
    await dav.put(bookUrl, 'cy.vcf', card('cy', 'Cy Dahl', 'TEL:+46 70 111 22 33'));
    expect(await syncNow()).toEqual({ added: 1, changed: 1, deleted: 1, conflicts: 0, skipped: 0 });
    const list = await contacts();
    expect(list.map((c) => c.name)).toEqual(['Ann Lee-Berg', 'Cy Dahl']);
    expect(list[0].emails).toEqual(['ann.berg@example.org']);
  });

  it('keeps a contact edited in Kith and shows a conflict with both values; each choice resolves it', async () => {
    const ann = (await contacts()).find((c) => c.name === 'Ann Lee-Berg')!;
    const edit = await as(t.app, alice).patch(`/api/contacts/${ann.id}`, { name: 'Annie (Kith)' });
    expect(edit.statusCode, edit.body).toBe(200);
    await dav.put(bookUrl, 'ann.vcf', card('ann', 'Ann on the server', 'TEL:+46 8 123 456 78'));
    expect((await syncNow()).conflicts).toBe(1);
    expect((await contacts()).find((c) => c.id === ann.id)!.name).toBe('Annie (Kith)');

    const conflicts = (await as(t.app, alice).get('/api/carddav/conflicts')).json();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      kind: 'changed',
      contactId: ann.id,
      kith: { name: 'Annie (Kith)' },
      server: { name: 'Ann on the server' },
    });
    // Syncing again changes nothing: the conflict waits for the owner.
    expect(await syncNow()).toEqual({ added: 0, changed: 0, deleted: 0, conflicts: 0, skipped: 0 });

    const take = await as(t.app, alice).post(`/api/carddav/conflicts/${conflicts[0].id}/resolve`, { keep: 'server' });
    expect(take.statusCode, take.body).toBe(204);
    expect((await contacts()).find((c) => c.id === ann.id)!.name).toBe('Ann on the server');
    expect((await as(t.app, alice).get('/api/carddav/conflicts')).json()).toEqual([]);

    // Not edited since: the next change on the server applies.
    await dav.put(bookUrl, 'ann.vcf', card('ann', 'Ann Final', 'TEL:+46 8 123 456 78'));
    expect((await syncNow()).changed).toBe(1);
    expect((await contacts()).find((c) => c.id === ann.id)!.name).toBe('Ann Final');

    // Edited in Kith, then deleted on the server: a `deleted` conflict; keeping Kith's contact stops syncing it.
    await as(t.app, alice).patch(`/api/contacts/${ann.id}`, { name: 'Ann kept' });
    await dav.delete(bookUrl, 'ann.vcf');
    expect((await syncNow()).conflicts).toBe(1);
    const [gone] = (await as(t.app, alice).get('/api/carddav/conflicts')).json();
    expect(gone).toMatchObject({ kind: 'deleted', server: null, kith: { name: 'Ann kept' } });
    expect((await as(t.app, alice).post(`/api/carddav/conflicts/${gone.id}/resolve`, { keep: 'kith' })).statusCode).toBe(204);
    expect((await contacts()).map((c) => c.name)).toEqual(['Ann kept', 'Cy Dahl']);
  });

  it('keeps other users out and disconnects without deleting contacts', async () => {
    const bob = await signup(t.app, 'bob');
    expect((await as(t.app, bob).post(`/api/carddav/books/${bookId}/sync`)).statusCode).toBe(404);
    expect((await as(t.app, bob).get('/api/carddav/books')).json()).toEqual([]);
    expect((await as(t.app, alice).delete(`/api/carddav/books/${bookId}`)).statusCode).toBe(204);
    expect((await contacts()).length).toBe(2);
  });
});
