import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsRepository } from '../../src/accounts/accounts.repository.js';
import {
  CONTACTS_PAGE_DEFAULT,
  MAX_CARDS_PER_IMPORT,
  MAX_VALUES_PER_FIELD,
  MAX_VCARD_PARAMETERS,
  MAX_VCARD_PROPERTIES,
} from '@kith/address-book';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { PHONES } from '../helpers/now-playing.js';
import { crlf } from '../helpers/vcards.js';

/** One small 3.0 card; `extra` lines go before END:VCARD. */
const card = (name: string, phone: string, extra: string[] = []) =>
  crlf(['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `TEL;TYPE=cell:${phone}`, ...extra, 'END:VCARD']);
/** `n` distinct cards, "Person 000001" … with numbers +1 415 2xx xxxx. */
const manyCards = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => card(`Person ${String(from + i).padStart(6, '0')}`, `+1415${2000000 + from + i}`)).join('');
/** The reproduction's line: a TEL with `n` parameters (2 MB for 500,000). */
const hostileLine = (n: number) => 'TEL' + ';X=1'.repeat(n) + ':+14155550100';

// docs/security.md "Address-book parsing limits": what each cap does, tested on both engines.
describe.each(engines)('address-book limits on %s', (engine) => {
  let t: TestApp;
  const importVcf = (user: TestUser, text: string) =>
    as(t.app, user).post('/api/contacts/import', text, { 'content-type': 'text/vcard; charset=utf-8' });
  const total = async (user: TestUser): Promise<number> => (await as(t.app, user).get('/api/contacts?limit=1')).json().total;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('refuses a 100,000-card file at once with 422 too_many_cards and commits nothing', async () => {
    const me = await signup(t.app, 'many-cards');
    const text = manyCards(100_000);
    expect(text.length).toBeGreaterThan(6_000_000);
    const res = await importVcf(me, text);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'too_many_cards', details: { cards: 100_000, limit: MAX_CARDS_PER_IMPORT } });
    expect(res.json().message).toMatch(/Split .* at most 20000 cards; nothing was imported/);
    expect(await total(me)).toBe(0);
  });

  it(`imports a file of exactly ${MAX_CARDS_PER_IMPORT} cards in one go: the report is what was committed`, async () => {
    const me = await signup(t.app, 'cap-cards');
    const res = await importVcf(me, manyCards(MAX_CARDS_PER_IMPORT));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const report = res.json().report;
    expect(report.imported + report.linked).toBe(MAX_CARDS_PER_IMPORT);
    expect(report.skipped).toBe(0);
    expect(await total(me)).toBe(MAX_CARDS_PER_IMPORT);
    // The same file again: every card is a duplicate, nothing is added.
    const again = (await importVcf(me, manyCards(MAX_CARDS_PER_IMPORT))).json().report;
    expect(again).toMatchObject({ imported: 0, linked: 0, skipped: MAX_CARDS_PER_IMPORT });
    expect(await total(me)).toBe(MAX_CARDS_PER_IMPORT);
  });

  it('commits nothing when a write fails part-way (a trigger refuses card 1,100 of 1,200): the import is all or nothing', async () => {
    const me = await signup(t.app, 'write-fails');
    const db = t.container.db;
    if (engine === 'sqlite')
      await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON contact WHEN NEW.name = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`.execute(
        db,
      );
    else {
      await sql`CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW.name = 'Boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        db,
      );
      await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON contact FOR EACH ROW EXECUTE FUNCTION refuse_boom()`.execute(db);
    }
    try {
      const text = manyCards(1099, 500_000) + card('Boom', '+14155559999') + manyCards(100, 600_000);
      const res = await importVcf(me, text);
      expect(res.statusCode).toBe(500);
      expect(await total(me)).toBe(0);
    } finally {
      await sql`DROP TRIGGER refuse_boom${sql.raw(engine === 'sqlite' ? '' : ' ON contact')}`.execute(db);
      if (engine === 'postgres') await sql`DROP FUNCTION refuse_boom()`.execute(db);
    }
  });

  it('skips, card by card with a reason, a card over a limit, and imports the others', async () => {
    const me = await signup(t.app, 'over-limit');
    // With the card's own TEL: one more than a contact holds.
    const tels = Array.from({ length: MAX_VALUES_PER_FIELD }, (_, i) => `TEL:+1415300${String(i).padStart(4, '0')}`);
    const props = Array.from({ length: MAX_VCARD_PROPERTIES }, (_, i) => `NOTE:line ${i}`);
    const text =
      card('Fine Before', '+14155550001') +
      card('Many Phones', '+14155550002', tels) +
      card('Hostile Line', '+14155550003', [hostileLine(500_000)]) +
      card('Many Properties', '+14155550004', props) +
      card('Long Line', '+14155550005', ['NOTE:' + 'x'.repeat(4 * 1024 * 1024 + 1)]) +
      card('Fine After', '+14155550006');
    const res = await importVcf(me, text);
    expect(res.statusCode).toBe(200);
    const cards = res.json().report.cards as Array<{ index: number; name: string | null; status: string; code?: string; reason?: string }>;
    expect(cards.map((c) => [c.index, c.status, c.code ?? null])).toEqual([
      [1, 'imported', null],
      [2, 'skipped', 'over_limit'],
      [3, 'skipped', 'over_limit'],
      [4, 'skipped', 'over_limit'],
      [5, 'skipped', 'over_limit'],
      [6, 'imported', null],
    ]);
    expect(cards[1].reason).toMatch(/51 phone numbers \(TEL\); a contact holds at most 50/);
    expect(cards[2].reason).toMatch(new RegExp(`500000 parameters; a property may have at most ${MAX_VCARD_PARAMETERS}`));
    expect(cards[3].reason).toMatch(/more than 500 properties/);
    expect(cards[4].reason).toMatch(/longer than 4194304 characters/);
    expect(await total(me)).toBe(2);
    // The API refuses the same card: one set of limits for every way in.
    const api = await as(t.app, me).post('/api/contacts', {
      name: 'Many Phones',
      phones: ['+14155550002', ...tels.map((l) => l.slice(4))],
    });
    expect(api.statusCode).toBe(400);
  });

  it('pages GET /api/contacts by name: every contact exactly once, in order, with a next cursor until the last page', async () => {
    const me = await signup(t.app, 'pager');
    // Names that tie case-insensitively ("alex" / "Alex"), so the id breaks ties across page boundaries.
    const names = Array.from({ length: 237 }, (_, i) => (i % 3 === 0 ? 'Alex' : i % 3 === 1 ? 'alex' : `Zed ${i}`));
    const text = names.map((n, i) => card(n, `+1415400${String(i).padStart(4, '0')}`)).join('');
    expect((await importVcf(me, text)).json().report.imported).toBe(237);

    const first = (await as(t.app, me).get('/api/contacts')).json();
    expect(first.contacts).toHaveLength(CONTACTS_PAGE_DEFAULT);
    expect(first).toMatchObject({ total: 237, linked: 0 });

    const seen: Array<{ id: string; name: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `/api/contacts?limit=37${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { contacts: Array<{ id: string; name: string }>; nextCursor: string | null } = (await as(t.app, me).get(url)).json();
      seen.push(...page.contacts);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(237 / 37));
    expect(seen).toHaveLength(237);
    expect(new Set(seen.map((c) => c.id)).size).toBe(237);
    const keys = seen.map((c) => [c.name.toLowerCase(), c.id] as const);
    for (let i = 1; i < keys.length; i++)
      expect(keys[i - 1][0] < keys[i][0] || (keys[i - 1][0] === keys[i][0] && keys[i - 1][1] < keys[i][1])).toBe(true);

    const found = (await as(t.app, me).get('/api/contacts?q=zed%201')).json();
    expect(found.contacts.length).toBeGreaterThan(0);
    expect(found.contacts.every((c: { name: string }) => c.name.startsWith('Zed 1'))).toBe(true);
    expect(found.total).toBe(237);

    const bad = await as(t.app, me).get('/api/contacts?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_cursor');
    expect((await as(t.app, me).get('/api/contacts?limit=501')).statusCode).toBe(400);
  });

  it('caps the now-playing association book: 422 too_many_cards over the card cap, a hostile line skips only its card', async () => {
    const me = await signup(t.app, 'np-book');
    const over = await as(t.app, me).put('/api/now-playing/association', {
      self: { name: 'Me', phone: PHONES[1] },
      vcard: manyCards(MAX_CARDS_PER_IMPORT + 1),
    });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'too_many_cards', details: { cards: MAX_CARDS_PER_IMPORT + 1 } });

    const hostile = await as(t.app, me).put('/api/now-playing/association', {
      self: { name: 'Me', phone: PHONES[1] },
      vcard: card('Friend', PHONES[2]) + card('Hostile', PHONES[3], [hostileLine(500_000)]),
    });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.json().book).toMatchObject({ numbers: 1, skipped: ['Hostile'] });
  });

  it('reads IN lists of any length: 40,000 ids in one lookup (SQLite caps a statement at 32,766 variables)', async () => {
    const ids = Array.from({ length: 40_000 }, () => crypto.randomUUID());
    expect(await createAccountsRepository(t.container.db).findByIds(ids)).toEqual([]);
  });

  it('keeps serving while a file is parsed: /api/health answers before the parse of a big file ends', async () => {
    const me = await signup(t.app, 'off-loop');
    const reader = t.container.vcardReader;
    const original = reader.contacts;
    const events: string[] = [];
    let started!: () => void;
    const parsing = new Promise<void>((resolve) => (started = resolve));
    reader.contacts = async (bytes, region) => {
      started();
      const out = await original(bytes, region);
      events.push('parsed');
      return out;
    };
    try {
      const done = importVcf(me, manyCards(MAX_CARDS_PER_IMPORT));
      await parsing;
      const health = await t.app.inject({ url: '/api/health' });
      events.push(`health ${health.statusCode}`);
      expect((await done).statusCode).toBe(200);
      expect(events).toEqual(['health 200', 'parsed']);
    } finally {
      reader.contacts = original;
    }
  });
});
