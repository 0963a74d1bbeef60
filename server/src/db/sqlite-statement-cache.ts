import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { LRUCache } from 'lru-cache';

export interface StatementCacheOptions {
  /** Most statements kept (least recently used go first). */
  max?: number;
  /** SQL longer than this is prepared each time and never kept (one-off bulk inserts with hundreds of rows). */
  maxSqlLength?: number;
}

/** The database handed to Kysely's `SqliteDialect`, with counters for tests and diagnostics. */
export interface CachingSqliteDatabase extends SqliteDatabase {
  /** How many times SQLite actually compiled a statement (cache misses and uncached SQL). */
  readonly prepared: number;
  /** Statements currently kept. */
  readonly size: number;
}

/**
 * Wraps a better-sqlite3 connection so that `prepare(sql)` returns a kept statement for SQL it has
 * seen before.
 *
 * Why: Kysely's `SqliteDialect` calls `db.prepare(sql)` for every query, and better-sqlite3 compiles
 * it again each time (sqlite3_prepare_v3: parse and plan); a profile of `POST /api/now-playing` put
 * ~8% of server time there. Kysely binds values as parameters, so one query shape always yields the
 * same SQL text and the statement can be reused with new bindings.
 *
 * Safe to reuse: one connection runs one statement at a time (Kysely's SQLite driver holds a mutex,
 * and better-sqlite3 is synchronous); SQLite re-prepares a kept statement by itself when the schema
 * changed (migrations). Finalised with the connection on `close()`.
 */
export function withStatementCache(db: SQLite.Database, opts: StatementCacheOptions = {}): CachingSqliteDatabase {
  const maxSqlLength = opts.maxSqlLength ?? 4000;
  const cache = new LRUCache<string, SQLite.Statement>({ max: opts.max ?? 256 });
  let prepared = 0;
  return {
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        prepared++;
        if (sql.length <= maxSqlLength) cache.set(sql, stmt);
      }
      return stmt as unknown as SqliteStatement;
    },
    close(): void {
      cache.clear();
      db.close();
    },
    get prepared() {
      return prepared;
    },
    get size() {
      return cache.size;
    },
  };
}
