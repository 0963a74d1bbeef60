import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache, type CachingSqliteDatabase } from '../../src/db/sqlite-statement-cache.js';

interface Db {
  t: { id: number; name: string };
}

describe('SQLite prepared-statement cache', () => {
  let kysely: Kysely<Db> | undefined;
  afterEach(async () => {
    await kysely?.destroy();
    kysely = undefined;
  });

  function open(opts?: Parameters<typeof withStatementCache>[1]): CachingSqliteDatabase {
    const cached = withStatementCache(new SQLite(':memory:'), opts);
    kysely = new Kysely<Db>({ dialect: new SqliteDialect({ database: cached }) });
    return cached;
  }

  it('compiles one query shape once and binds new values each time', async () => {
    const cached = open();
    await sql`create table t (id integer primary key, name text not null)`.execute(kysely!);
    for (let i = 1; i <= 5; i++)
      await kysely!
        .insertInto('t')
        .values({ id: i, name: `n${i}` })
        .execute();
    const before = cached.prepared;
    const names: string[] = [];
    for (let i = 1; i <= 5; i++)
      names.push((await kysely!.selectFrom('t').select('name').where('id', '=', i).executeTakeFirstOrThrow()).name);
    expect(names).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    // 5 inserts shared one statement, and 5 selects another: one compilation for the selects.
    expect(cached.prepared - before).toBe(1);
    expect(cached.prepare('select 1')).toBe(cached.prepare('select 1'));
  });

  it('keeps at most `max` statements and never keeps SQL over `maxSqlLength`', () => {
    const cached = open({ max: 3, maxSqlLength: 40 });
    for (let i = 0; i < 10; i++) cached.prepare(`select ${i}`);
    expect(cached.size).toBe(3);
    const long = `select ${'1 + '.repeat(20)}1`;
    expect(cached.prepare(long)).not.toBe(cached.prepare(long));
    expect(cached.size).toBe(3);
  });

  it('a kept statement follows schema changes (SQLite re-prepares it)', async () => {
    open();
    await sql`create table t (id integer primary key, name text not null)`.execute(kysely!);
    await kysely!.insertInto('t').values({ id: 1, name: 'a' }).execute();
    expect(await kysely!.selectFrom('t').selectAll().execute()).toEqual([{ id: 1, name: 'a' }]);
    await sql`alter table t add column extra integer default 7`.execute(kysely!);
    expect(await kysely!.selectFrom('t').selectAll().execute()).toEqual([{ id: 1, name: 'a', extra: 7 }]);
  });

  it('transactions work over kept statements (begin/commit/rollback are statements too)', async () => {
    open();
    await sql`create table t (id integer primary key, name text not null)`.execute(kysely!);
    await kysely!.transaction().execute(async (trx) => trx.insertInto('t').values({ id: 1, name: 'kept' }).execute());
    await expect(
      kysely!.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 2, name: 'gone' }).execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await kysely!.selectFrom('t').select('name').execute()).map((r) => r.name)).toEqual(['kept']);
  });
});
