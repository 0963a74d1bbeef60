import type { Kysely, Migration } from 'kysely';

/**
 * API token scopes (common/token-scopes.ts): `scrobble`, `read`, `upload` or `full`.
 *
 * Existing tokens become `full`, what they could do before, except the two kinds a scrobbler made:
 * tokens holding `scrobble_md5` (made by `POST /api/now-playing/scrobbler-token` for Audioscrobbler 1.2
 * players) and tokens Last.fm `auth.getMobileSession` minted (named "Last.fm client"). Those become
 * `scrobble`, so the players already configured with them keep working (the protocols accept only
 * `scrobble` tokens) and the unsalted md5 a leaked database shows opens scrobbling only.
 */
export const tokenScopesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('api_token')
      .addColumn('scope', 'text', (c) => c.notNull().defaultTo('full'))
      .execute();
    await db
      .updateTable('api_token')
      .set({ scope: 'scrobble' })
      .where((eb) => eb.or([eb('scrobble_md5', 'is not', null), eb('name', '=', 'Last.fm client')]))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('api_token').dropColumn('scope').execute();
  },
};
