import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations, openDatabase } from '../../src/db/database.js';

describe('migrations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-migrations-'));
  const later = '9999-a-later-issue';
  afterAll(() => {
    delete migrations[later];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs a migration that sorts before ones already run (issues land in any order)', async () => {
    const file = path.join(dir, 'kith.db');
    // A database that ran a higher-numbered migration (another issue's) before this one arrived.
    migrations[later] = { up: async () => {} };
    const first = await openDatabase({ engine: 'sqlite', file });
    const early = '0005-now-playing-graph-version';
    await sql`drop table np_graph_version`.execute(first.db);
    await sql`delete from kysely_migration where name = ${early}`.execute(first.db);
    await first.close();

    const again = await openDatabase({ engine: 'sqlite', file });
    expect(await again.db.selectFrom('np_graph_version').selectAll().executeTakeFirstOrThrow()).toEqual({ id: 1, version: 0 });
    const ran = await sql<{ name: string }>`select name from kysely_migration`.execute(again.db);
    expect(ran.rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
    await again.close();
  });
});
