import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { migrations, openDatabase } from '../../src/db/database.js';
import { PG_URL, type Engine } from './test-app.js';

/**
 * A scratch database of `engine` for a migration test: a temp SQLite file or a fresh PostgreSQL schema,
 * removed after the suite (registers its own `afterAll`).
 */
export function scratchDatabase(engine: Engine): Config['database'] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-mig-'));
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  });
  return engine === 'sqlite' ? { engine: 'sqlite', file: path.join(dir, 'kith.db') } : { engine: 'postgres', url: PG_URL, schema };
}

/**
 * Opens `database` at the version just before migration `name` (every other migration runs), lets
 * `seed` write rows as an older Kith would have, and closes it; the next `openDatabase` runs `name`.
 */
export async function seedBeforeMigration(database: Config['database'], name: string, seed: (db: any) => Promise<void>): Promise<void> {
  const saved = migrations[name];
  if (!saved) throw new Error(`no migration named ${name}`);
  delete migrations[name];
  try {
    const before = await openDatabase(database);
    await seed(before.db);
    await before.close();
  } finally {
    migrations[name] = saved;
  }
}
