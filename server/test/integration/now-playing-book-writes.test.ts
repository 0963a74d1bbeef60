import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

const hashes = (from: number, n: number) => Array.from({ length: n }, (_, i) => (from + i).toString(16).padStart(64, '0'));

// How `replaceBook` writes a big association book (docs/security.md "Address-book parsing limits"):
// only the difference, in short transactions on SQLite, never a book the owner did not upload.
describe.each(engines)('now-playing book replacement on %s', (engine) => {
  let t: TestApp;
  let me: TestUser;
  const graph = () => t.container.nowPlayingGraph;
  const book = async () =>
    new Set(
      (await t.container.db.selectFrom('np_book_entry').select('phone_hash').where('owner_id', '=', me.id).execute()).map(
        (r) => r.phone_hash,
      ),
    );

  beforeAll(async () => {
    t = await createTestApp(engine);
    me = await signup(t.app, 'book-owner');
  });
  afterAll(async () => t?.close());

  it('shows readers only a subset of the old or the new book while 5,000 hashes are replaced (SQLite serves them between slices)', async () => {
    const oldBook = hashes(0, 3000);
    const newBook = hashes(1500, 5000);
    await graph().replaceBook(me.id, oldBook);
    const start = await graph().graphVersion();
    let done = false;
    const writing = graph()
      .replaceBook(me.id, newBook)
      .finally(() => (done = true));
    const seen: Array<{ version: number; book: Set<string> }> = [];
    // One read per event-loop turn, as requests arrive (a loop of bare awaits would never let a macrotask run).
    while (!done) {
      seen.push({ version: await graph().graphVersion(), book: await book() });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    const final = await graph().graphVersion();

    const within = (s: Set<string>, of: Set<string>) => [...s].every((h) => of.has(h));
    for (const { book: b } of seen) expect(within(b, new Set(oldBook)) || within(b, new Set(newBook))).toBe(true);
    expect(await book()).toEqual(new Set(newBook));
    const between = seen.filter((s) => s.version > start && s.version < final);
    // PostgreSQL writes it in one transaction, SQLite in short ones with reads served in between.
    if (engine === 'sqlite') expect(between.length).toBeGreaterThan(0);
    else expect(between).toEqual([]);
  });

  it('writes nothing for an unchanged re-upload: the graph version stays', async () => {
    await graph().replaceBook(me.id, hashes(0, 800));
    const before = await graph().graphVersion();
    await graph().replaceBook(me.id, hashes(0, 800).reverse());
    expect(await graph().graphVersion()).toBe(before);
  });

  it('keeps the old book whole when a write fails part-way (a trigger refuses one new hash)', async () => {
    const oldBook = hashes(10_000, 2000);
    await graph().replaceBook(me.id, oldBook);
    const boom = hashes(20_000 + 1900, 1)[0];
    const db = t.container.db;
    if (engine === 'sqlite')
      await sql`CREATE TRIGGER refuse_hash BEFORE INSERT ON np_book_entry WHEN NEW.phone_hash = ${sql.lit(boom)} BEGIN SELECT RAISE(ABORT, 'boom'); END`.execute(
        db,
      );
    else {
      await sql`CREATE FUNCTION refuse_hash() RETURNS trigger AS $$ BEGIN IF NEW.phone_hash = ${sql.lit(boom)} THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        db,
      );
      await sql`CREATE TRIGGER refuse_hash BEFORE INSERT ON np_book_entry FOR EACH ROW EXECUTE FUNCTION refuse_hash()`.execute(db);
    }
    try {
      await expect(graph().replaceBook(me.id, hashes(20_000, 2000))).rejects.toThrow(/boom/);
      expect(await book()).toEqual(new Set(oldBook));
    } finally {
      await sql`DROP TRIGGER refuse_hash${sql.raw(engine === 'sqlite' ? '' : ' ON np_book_entry')}`.execute(db);
      if (engine === 'postgres') await sql`DROP FUNCTION refuse_hash()`.execute(db);
    }
  });
});
