import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { AssetTable, Database } from '../db/schema.js';

/** A place a search looks around: WGS 84 degrees. */
export interface PlaceCentre {
  latitude: number;
  longitude: number;
}

/** One understood term of a query, as the repository filters by it; every filter must hold. */
export type SearchFilter =
  | { kind: 'person'; personIds: string[] }
  /** Photos within `radiusKm` of any centre, or in one of the searcher's events whose place is one of `names`. */
  | { kind: 'place'; centres: PlaceCentre[]; names: string[]; radiusKm: number }
  /** Capture time in [from, to), ms since epoch. */
  | { kind: 'date'; from: number; to: number }
  /** A word (letters and digits only) matched as a prefix in file names, captions, album and event titles. */
  | { kind: 'text'; word: string };

type Eb = ExpressionBuilder<Database, 'asset'>;
const KM_PER_DEGREE = 111.32;

/**
 * All SQL of search (docs/features/search.md). The text index (`search_doc`, migration 0023) is
 * kept by triggers; this file only reads it: FTS5 `MATCH` on SQLite, `@@ to_tsquery('simple', …)`
 * on PostgreSQL, with the same prefix semantics (`word*` / `word:*`).
 */
export function createSearchRepository(db: Db, engine: 'sqlite' | 'postgres') {
  /** Ids of `search_doc` rows of `kind` whose body holds a word starting with `word`. */
  const docsMatching = (kind: 'asset' | 'album' | 'event', word: string) =>
    engine === 'sqlite'
      ? db
          .selectFrom('search_doc')
          .select('ref_id')
          .where('kind', '=', kind)
          // The word holds letters and digits only (the service splits on anything else), so quoting is enough.
          .where('id', 'in', sql<number>`(select rowid from search_fts where search_fts match ${`"${word}"*`})`)
      : db
          .selectFrom('search_doc')
          .select('ref_id')
          .where('kind', '=', kind)
          .where(sql<SqlBool>`tsv @@ to_tsquery('simple', ${`'${word}':*`})`);

  /** The searcher's own photos and those of albums they belong to; never the trash. */
  const visible = (eb: Eb, accountId: string) =>
    eb.and([
      eb('asset.trashed_at', 'is', null),
      eb.or([
        eb('asset.owner_id', '=', accountId),
        eb(
          'asset.id',
          'in',
          eb
            .selectFrom('album_asset')
            .innerJoin('album_member', 'album_member.album_id', 'album_asset.album_id')
            .select('album_asset.asset_id')
            .where('album_member.account_id', '=', accountId),
        ),
      ]),
    ]);

  /** Near any centre: a bounding box the indexes can use, then the equirectangular distance (exact enough below 100 km). */
  const near = (eb: Eb, c: PlaceCentre, radiusKm: number): Expression<SqlBool> => {
    const kx = KM_PER_DEGREE * Math.cos((c.latitude * Math.PI) / 180);
    const dLat = radiusKm / KM_PER_DEGREE;
    const dLon = radiusKm / Math.max(kx, 1e-6);
    return eb.and([
      eb('asset.latitude', '>=', c.latitude - dLat),
      eb('asset.latitude', '<=', c.latitude + dLat),
      eb('asset.longitude', '>=', c.longitude - dLon),
      eb('asset.longitude', '<=', c.longitude + dLon),
      sql<SqlBool>`((asset.latitude - ${c.latitude}) * ${KM_PER_DEGREE}) * ((asset.latitude - ${c.latitude}) * ${KM_PER_DEGREE}) + ((asset.longitude - ${c.longitude}) * ${kx}) * ((asset.longitude - ${c.longitude}) * ${kx}) <= ${radiusKm * radiusKm}`,
    ]);
  };

  const inMyEvents = (eb: Eb, accountId: string) =>
    eb
      .selectFrom('asset_event')
      .innerJoin('event', 'event.id', 'asset_event.event_id')
      .select('asset_event.asset_id')
      .where('event.owner_id', '=', accountId);

  const filterOf = (eb: Eb, accountId: string, f: SearchFilter): Expression<SqlBool> => {
    switch (f.kind) {
      case 'person':
        return eb.exists(
          eb.selectFrom('face').select('face.id').whereRef('face.asset_id', '=', 'asset.id').where('face.person_id', 'in', f.personIds),
        );
      case 'date':
        return eb.and([eb('asset.captured_at', '>=', f.from), eb('asset.captured_at', '<', f.to)]);
      case 'place': {
        const parts = f.centres.map((c) => near(eb, c, f.radiusKm));
        if (f.names.length) parts.push(eb('asset.id', 'in', inMyEvents(eb, accountId).where('event.place', 'in', f.names)));
        return eb.or(parts);
      }
      case 'text':
        return eb.or([
          eb('asset.id', 'in', docsMatching('asset', f.word)),
          eb(
            'asset.id',
            'in',
            eb
              .selectFrom('album_asset')
              .innerJoin('album_member', 'album_member.album_id', 'album_asset.album_id')
              .select('album_asset.asset_id')
              .where('album_member.account_id', '=', accountId)
              .where('album_asset.album_id', 'in', docsMatching('album', f.word)),
          ),
          eb('asset.id', 'in', inMyEvents(eb, accountId).where('event.id', 'in', docsMatching('event', f.word))),
        ]);
    }
  };

  return {
    /**
     * The searcher's people that have a name to search by: their own name, else the linked contact's
     * or account's (as People shows them). Hidden people are left out, as in People.
     */
    async namedPeople(ownerId: string): Promise<Array<{ id: string; name: string }>> {
      const rows = await db
        .selectFrom('person as p')
        .leftJoin('contact as c', 'c.id', 'p.contact_id')
        .leftJoin('account as a', 'a.id', 'p.account_id')
        .select(['p.id', 'p.name', 'c.name as contact_name', 'a.display_name as account_name'])
        .where('p.owner_id', '=', ownerId)
        .where('p.hidden', '=', 0)
        .execute();
      return rows.flatMap((r) => {
        const name = r.name ?? r.contact_name ?? r.account_name;
        return name ? [{ id: r.id, name }] : [];
      });
    },

    /** Whether any photo the searcher sees matches the filter (to tell a place they have been from a word). */
    async any(accountId: string, filter: SearchFilter): Promise<boolean> {
      const row = await db
        .selectFrom('asset')
        .select('asset.id')
        .where((eb) => eb.and([visible(eb, accountId), filterOf(eb, accountId, filter)]))
        .limit(1)
        .executeTakeFirst();
      return !!row;
    },

    /**
     * One page of the photos matching every filter, newest capture first, after the cursor's
     * (captured_at, id) as the timeline pages.
     */
    search(accountId: string, filters: SearchFilter[], limit: number, after?: { capturedAt: number; id: string }): Promise<AssetTable[]> {
      let q = db
        .selectFrom('asset')
        .selectAll('asset')
        .where((eb) => eb.and([visible(eb, accountId), ...filters.map((f) => filterOf(eb, accountId, f))]));
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('asset.captured_at', '<', after.capturedAt),
            eb.and([eb('asset.captured_at', '=', after.capturedAt), eb('asset.id', '<', after.id)]),
          ]),
        );
      return q.orderBy('asset.captured_at', 'desc').orderBy('asset.id', 'desc').limit(limit).execute();
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
