import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { scratchDatabase, seedBeforeMigration } from '../helpers/migration-db.js';
import { engines } from '../helpers/test-app.js';

// Migration 0025: stored evidence kinds say "reference face", as the glossary does, instead of "portrait".
describe.each(engines)('migration 0025-reference-face-evidence on %s', (engine) => {
  const database = scratchDatabase(engine);

  it('renames own_portrait and linked_portrait in person.link_source and leaves other kinds alone', async () => {
    const name = '0025-reference-face-evidence';
    await seedBeforeMigration(database, name, async (db) => {
      await db
        .insertInto('account')
        .values({
          id: 'a1',
          username: 'alice',
          display_name: 'Alice',
          password_hash: 'x',
          is_admin: 0,
          allow_event_gathering: 1,
          created_at: 1,
        })
        .execute();
      const person = (id: string, link_source: string | null) => ({
        id,
        owner_id: 'a1',
        name: null,
        contact_id: null,
        account_id: null,
        hidden: 0,
        cover_face_id: null,
        created_at: 1,
        updated_at: 1,
        link_source,
        confirmed_at: null,
      });
      await db
        .insertInto('person')
        .values([person('p1', 'own_portrait'), person('p2', 'linked_portrait'), person('p3', 'contact_photo'), person('p4', null)])
        .execute();
    });
    const after = await openDatabase(database);
    const rows = await (after.db as any).selectFrom('person').select(['id', 'link_source']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'p1', link_source: 'own_reference_face' },
      { id: 'p2', link_source: 'linked_reference_face' },
      { id: 'p3', link_source: 'contact_photo' },
      { id: 'p4', link_source: null },
    ]);
    await after.close();
  });
});
