import type { Kysely, Migration } from 'kysely';

/**
 * Now playing: one counter that every change of the association graph (address books,
 * own numbers, mutual-link and hidden-from settings) increments. Each instance keeps who a sharer's
 * plays reach in memory and trusts it only while this counter is unchanged; the submission reads it
 * in the same statement as the sharer's profile, so a change on any instance applies at once on all.
 */
export const nowPlayingGraphVersionMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('np_graph_version')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('np_graph_version').values({ id: 1, version: 0 }).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('np_graph_version').execute();
  },
};
