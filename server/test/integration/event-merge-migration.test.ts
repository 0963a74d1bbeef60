import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { scratchDatabase, seedBeforeMigration } from '../helpers/migration-db.js';
import { engines } from '../helpers/test-app.js';

const day = (h: number) => Date.UTC(2026, 5, 13, h);
const DECEMBER = Date.UTC(2026, 11, 6, 12);

// Migration 0017: libraries made before one event per real event and undated photos off the time line.
describe.each(engines)('migration 0017-event-merge-exchange-saves on %s', (engine) => {
  const database = scratchDatabase(engine);

  it('merges an automatic event into the marker event over the same photos; an undated photo leaves the time line', async () => {
    const name = '0017-event-merge-exchange-saves';
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
      const asset = (id: string, at: number, source: 'exif' | 'upload') => ({
        id,
        owner_id: 'a1',
        sha256: id.padEnd(64, '0'),
        mime: 'image/jpeg',
        bytes: 1,
        width: 1,
        height: 1,
        original_name: `${id}.jpg`,
        captured_at: at,
        captured_at_source: source,
        events_detected: 1,
        created_at: at,
      });
      await db
        .insertInto('asset')
        .values([asset('vows', day(14), 'exif'), asset('dance', day(16), 'exif'), asset('nodate', DECEMBER, 'upload')])
        .execute();
      const event = (id: string, marker: string, source: string, start: number, end: number) => ({
        id,
        owner_id: 'a1',
        marker,
        name: marker,
        source,
        locked: 0,
        start_at: start,
        end_at: end,
        created_at: 1,
        updated_at: 1,
      });
      // Before: the XMP marker event (stretched to December by the undated photo) and the automatic one over the same day.
      await db
        .insertInto('event')
        .values([
          event('m', 'anna-s-wedding', 'metadata', day(14), DECEMBER),
          event('x', 'ev-20260613-abcd1234', 'auto', day(14), DECEMBER),
        ])
        .execute();
      await db
        .insertInto('asset_event')
        .values([
          { asset_id: 'vows', event_id: 'm' },
          { asset_id: 'nodate', event_id: 'm' },
          { asset_id: 'vows', event_id: 'x' },
          { asset_id: 'dance', event_id: 'x' },
          { asset_id: 'nodate', event_id: 'x' },
        ])
        .execute();
      await db
        .insertInto('album')
        .values({
          id: 'al',
          owner_id: 'a1',
          name: 'Wedding',
          kind: 'event',
          event_marker: 'ev-20260613-abcd1234',
          created_at: 1,
          updated_at: 1,
        })
        .execute();
    });
    const after = await openDatabase(database);
    const db = after.db;
    const events = await db.selectFrom('event').select(['id', 'marker', 'start_at', 'end_at']).execute();
    const links = await db.selectFrom('asset_event').select(['asset_id', 'event_id']).orderBy('asset_id').execute();
    const album = await db.selectFrom('album').select('event_marker').where('id', '=', 'al').executeTakeFirstOrThrow();
    const round = await db.selectFrom('exchange_round').select(['requester_source_sha', 'responder_source_sha']).execute();
    await after.close();
    expect(events).toEqual([{ id: 'm', marker: 'anna-s-wedding', start_at: day(14), end_at: day(16) }]);
    expect(links).toEqual([
      { asset_id: 'dance', event_id: 'm' },
      { asset_id: 'nodate', event_id: 'm' },
      { asset_id: 'vows', event_id: 'm' },
    ]);
    expect(album.event_marker).toBe('anna-s-wedding');
    expect(round).toEqual([]);
  });
});
