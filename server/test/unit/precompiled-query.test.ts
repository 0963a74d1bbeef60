import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompile } from '../../src/db/precompiled-query.js';

interface Db {
  song: { id: number; title: string; artist: string; plays: number };
}

describe('precompiled Kysely queries', () => {
  let db: Kysely<Db>;
  const compiles = { count: 0 };
  beforeAll(async () => {
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    await sql`create table song (id integer primary key, title text not null, artist text not null, plays integer not null)`.execute(db);
  });
  afterAll(() => db.destroy());

  it('compiles once and binds each run’s values where the placeholders were; constants stay', async () => {
    const upsert = precompile(db, 3, (id: number, title: string, artist: string) => {
      compiles.count++;
      return db
        .insertInto('song')
        .values({ id, title, artist, plays: 1 })
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ title: eb.ref('excluded.title'), plays: eb('plays', '+', 1) })));
    });
    await upsert(1, 'Teardrop', 'Massive Attack');
    await upsert(2, 'Hyperballad', 'Björk');
    await upsert(1, 'Teardrop (live)', 'Massive Attack');
    expect(compiles.count).toBe(1);
    expect(await db.selectFrom('song').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, title: 'Teardrop (live)', artist: 'Massive Attack', plays: 2 },
      { id: 2, title: 'Hyperballad', artist: 'Björk', plays: 1 },
    ]);
  });

  it('a placeholder may be bound twice; results come back typed', async () => {
    const same = precompile(db, 1, (name: string) =>
      db
        .selectFrom('song')
        .select(['id', 'title'])
        .where((eb) => eb.or([eb('title', '=', name), eb('artist', '=', name)])),
    );
    expect((await same('Björk')).rows).toEqual([{ id: 2, title: 'Hyperballad' }]);
    expect((await same('Teardrop (live)')).rows).toEqual([{ id: 1, title: 'Teardrop (live)' }]);
  });

  it('refuses a placeholder that is not a bound value (it would be silently ignored)', async () => {
    const wrong = precompile(db, 1, (_unused: string) => db.selectFrom('song').select('id').where('id', '=', 1));
    await expect(async () => wrong('x')).rejects.toThrow(/placeholder 0 is not a bound parameter/);
  });
});
