import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.js';
import type { Database } from './schema.js';
import { ensurePrivateDir, makePrivateFile } from '../common/private-files.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import { coreMigration } from './migrations/0001-core.migration.js';
import { contactsMigration } from './migrations/0002-contacts.migration.js';
import { libraryMigration } from './migrations/0003-library.migration.js';
import { facesMigration } from './migrations/0004-faces.migration.js';
import { regionSharesMigration } from './migrations/0006-region-shares.migration.js';
import { nowPlayingMigration } from './migrations/0005-now-playing.migration.js';
import { exchangesMigration } from './migrations/0009-exchanges.migration.js';
import { nowPlayingGraphVersionMigration } from './migrations/0005-now-playing-graph-version.migration.js';
import { inboxMigration } from './migrations/0007-inbox.migration.js';
import { deliveriesMigration } from './migrations/0008-deliveries.migration.js';
import { verifiedIdentitiesMigration } from './migrations/0010-verified-identities.migration.js';
import { emailVerificationMigration } from './migrations/0011-email-verification.migration.js';
import { faceEvidenceMigration } from './migrations/0012-face-evidence.migration.js';
import { phoneVerificationMigration } from './migrations/0013-phone-verification.migration.js';
import { signingKeysMigration } from './migrations/0014-signing-keys.migration.js';
import { tokenScopesMigration } from './migrations/0015-token-scopes.migration.js';
import { contactGroupsMigration } from './migrations/0016-contact-groups.migration.js';
import { eventMergeExchangeSavesMigration } from './migrations/0017-event-merge-exchange-saves.migration.js';
import { personNotSameMigration } from './migrations/0018-person-not-same.migration.js';
import { takeoutImportMigration } from './migrations/0019-takeout-import.migration.js';
import { albumLinksMigration } from './migrations/0020-album-links.migration.js';
import { assetTrashMigration } from './migrations/0021-asset-trash.migration.js';
import { carddavMigration } from './migrations/0022-carddav.migration.js';
import { searchMigration } from './migrations/0023-search.migration.js';
import { assetFlagsMigration } from './migrations/0024-asset-flags.migration.js';
import { referenceFaceEvidenceMigration } from './migrations/0025-reference-face-evidence.migration.js';

// int8 (bigint) columns hold millisecond timestamps and byte counts, all far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** Migrations in order; the same list runs on SQLite and PostgreSQL. */
export const migrations: Record<string, Migration> = {
  '0001-core': coreMigration,
  '0002-contacts': contactsMigration,
  '0003-library': libraryMigration,
  '0004-faces': facesMigration,
  '0006-region-shares': regionSharesMigration,
  '0005-now-playing': nowPlayingMigration,
  // After 0005-now-playing in Kysely's name order (a prefix sorts first); still the now-playing migration's number.
  '0005-now-playing-graph-version': nowPlayingGraphVersionMigration,
  '0007-inbox': inboxMigration,
  '0008-deliveries': deliveriesMigration,
  '0009-exchanges': exchangesMigration,
  '0010-verified-identities': verifiedIdentitiesMigration,
  '0011-email-verification': emailVerificationMigration,
  '0012-face-evidence': faceEvidenceMigration,
  '0013-phone-verification': phoneVerificationMigration,
  '0014-signing-keys': signingKeysMigration,
  '0015-token-scopes': tokenScopesMigration,
  '0016-contact-groups': contactGroupsMigration,
  '0017-event-merge-exchange-saves': eventMergeExchangeSavesMigration,
  '0018-person-not-same': personNotSameMigration,
  '0019-takeout-import': takeoutImportMigration,
  '0020-album-links': albumLinksMigration,
  '0021-asset-trash': assetTrashMigration,
  '0022-carddav': carddavMigration,
  '0023-search': searchMigration,
  '0024-asset-flags': assetFlagsMigration,
  '0025-reference-face-evidence': referenceFaceEvidenceMigration,
};

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: 'sqlite' | 'postgres';
  /** Runs a trivial query (`SELECT 1`): resolves when the database serves, rejects with the driver's error when not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the configured database and brings its schema up to date.
 *
 * SQLite: the file is created if absent and put in WAL mode with `synchronous = NORMAL` (SQLite's
 * documented setting for WAL: a commit is durable against application crashes; only a power loss
 * or OS crash may roll back the last commits, and the file never corrupts), a 5 s busy timeout
 * for writers from another process, foreign keys on, and prepared statements kept in an LRU by SQL
 * text (see sqlite-statement-cache.ts).
 * PostgreSQL: when `schema` is set (tests give each file its own) it is created and
 * used as the search path of every pooled connection. The pool holds `poolSize` connections (default 10)
 * and waits `connectTimeoutMs` (default 2000) for one; errors of idle connections (a database restart)
 * go to `opts.onIdleError` instead of crashing the process, and the pool reconnects on the next query.
 *
 * @throws the driver's error when the database cannot be reached, or a migration error.
 */
export async function openDatabase(
  database: Config['database'],
  opts: { onIdleError?: (err: Error) => void } = {},
): Promise<DatabaseHandle> {
  let db: Db;
  if (database.engine === 'sqlite') {
    ensurePrivateDir(path.dirname(database.file));
    const sqlite = new SQLite(database.file);
    // 0600 before WAL mode is set: SQLite creates `-wal` and `-shm` with the database file's mode.
    for (const suffix of ['', '-wal', '-shm']) makePrivateFile(database.file + suffix);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  } else {
    const schema = database.schema;
    if (schema) {
      if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await admin.end();
    }
    const pool = new pg.Pool({
      connectionString: database.url,
      max: database.poolSize ?? 10,
      // Fail fast while PostgreSQL is down or restarting: a request waits at most this long for a
      // connection, then answers 503 database_unavailable (db-errors.ts) instead of hanging.
      connectionTimeoutMillis: database.connectTimeoutMs ?? 2000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // A restart of PostgreSQL ends every connection (57P01, then the socket closes). pg-pool drops idle
    // ones and re-emits their error on the pool; a connection checked out between two queries (Kysely
    // holds one through a transaction) emits it on the client, whose pool listener is off while it is
    // lent. An EventEmitter without an 'error' listener crashes the process, so both get one: the
    // request holding the connection fails on its next query (503 database_unavailable), the pool
    // discards the dead client on release, and the next query opens a fresh connection.
    const lost = (err: Error) => opts.onIdleError?.(err);
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  // Kysely looks for its migration tables in any schema unless told which: with one schema
  // per test file on a shared database it would otherwise find another file's tables.
  const schema = database.engine === 'postgres' ? database.schema : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Migration numbers are reserved per issue and issues land in any order, so a database may have
    // run a higher number (0006) before a lower one arrives (0005-…): run the missing ones anyway.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    engine: database.engine,
    ping: async () => void (await sql`SELECT 1`.execute(db)),
    close: () => db.destroy(),
  };
}
