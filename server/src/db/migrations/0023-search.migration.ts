import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Search (docs/features/search.md): one `search_doc` row per searchable text, kept in step by
 * triggers so no other module has to remember the index:
 * - `asset`: file name and caption (`original_name`, `description`);
 * - `album`: the album's name;
 * - `event`: the event's name and place.
 *
 * SQLite indexes `body` with an FTS5 external-content table (`search_fts`, the FTS5 documentation's
 * "external content table" pattern with its three triggers); PostgreSQL keeps a generated `tsvector`
 * with a GIN index. Both split words the same way: on every character that is not a letter or a
 * digit (FTS5 `unicode61` without diacritic folding; PostgreSQL `simple` after replacing
 * non-alphanumerics by spaces), case-insensitively, so both engines give the same results.
 */
const BODY = {
  asset: (r: string) => `${r}.original_name || ' ' || coalesce(${r}.description, '')`,
  album: (r: string) => `${r}.name`,
  event: (r: string) => `${r}.name || ' ' || coalesce(${r}.place, '')`,
} as const;
const WATCHED = { asset: 'original_name, description', album: 'name', event: 'name, place' } as const;
const KINDS = Object.keys(BODY) as Array<keyof typeof BODY>;

export const searchMigration: Migration = {
  async up(db: Kysely<any>) {
    const run = (q: string) => sql.raw(q).execute(db);
    const sqlite = isSqlite(db);
    await db.schema
      .createTable('search_doc')
      .addColumn('id', sqlite ? 'integer' : 'bigserial', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addUniqueConstraint('search_doc_ref_uq', ['kind', 'ref_id'])
      .execute();
    if (sqlite) {
      await run(
        `CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_doc', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`,
      );
      await run(
        `CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END`,
      );
      await run(
        `CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END`,
      );
      await run(
        `CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); ` +
          `INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END`,
      );
      for (const kind of KINDS) {
        await run(
          `CREATE TRIGGER search_${kind}_ai AFTER INSERT ON ${kind} BEGIN INSERT INTO search_doc(kind, ref_id, body) VALUES ('${kind}', new.id, ${BODY[kind]('new')}); END`,
        );
        await run(
          `CREATE TRIGGER search_${kind}_au AFTER UPDATE OF ${WATCHED[kind]} ON ${kind} BEGIN UPDATE search_doc SET body = ${BODY[kind]('new')} ` +
            `WHERE kind = '${kind}' AND ref_id = new.id; END`,
        );
        await run(
          `CREATE TRIGGER search_${kind}_ad AFTER DELETE ON ${kind} BEGIN DELETE FROM search_doc WHERE kind = '${kind}' AND ref_id = old.id; END`,
        );
      }
    } else {
      await run(
        `ALTER TABLE search_doc ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g'))) STORED`,
      );
      await run(`CREATE INDEX search_doc_tsv_idx ON search_doc USING gin (tsv)`);
      for (const kind of KINDS) {
        await run(
          `CREATE FUNCTION search_${kind}_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
             IF TG_OP = 'DELETE' THEN
               DELETE FROM search_doc WHERE kind = '${kind}' AND ref_id = OLD.id; RETURN OLD;
             END IF;
             INSERT INTO search_doc(kind, ref_id, body) VALUES ('${kind}', NEW.id, ${BODY[kind]('NEW')})
               ON CONFLICT (kind, ref_id) DO UPDATE SET body = EXCLUDED.body;
             RETURN NEW;
           END $$`,
        );
        await run(
          `CREATE TRIGGER search_${kind}_sync AFTER INSERT OR DELETE OR UPDATE OF ${WATCHED[kind]} ON ${kind} FOR EACH ROW EXECUTE FUNCTION search_${kind}_sync()`,
        );
      }
    }
    // What was there before the index.
    for (const kind of KINDS)
      await run(`INSERT INTO search_doc(kind, ref_id, body) SELECT '${kind}', r.id, ${BODY[kind]('r')} FROM ${kind} r`);
  },
  async down(db: Kysely<any>) {
    const run = (q: string) => sql.raw(q).execute(db);
    const sqlite = isSqlite(db);
    for (const kind of KINDS) {
      if (sqlite) for (const t of ['ai', 'au', 'ad']) await run(`DROP TRIGGER IF EXISTS search_${kind}_${t}`);
      else {
        await run(`DROP TRIGGER IF EXISTS search_${kind}_sync ON ${kind}`);
        await run(`DROP FUNCTION IF EXISTS search_${kind}_sync()`);
      }
    }
    if (sqlite) await run('DROP TABLE IF EXISTS search_fts');
    await db.schema.dropTable('search_doc').execute();
  },
};

/** Which engine runs the migration (the same migration list serves both), as 0004-faces tells them apart. */
const isSqlite = (db: Kysely<any>) => !(db.getExecutor().adapter instanceof PostgresAdapter);
