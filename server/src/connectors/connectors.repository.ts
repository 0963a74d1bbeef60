import type { Db } from '../db/database.js';
import type { ConnectorLinkTable } from '../db/schema.js';

export type ConnectorLinkRow = ConnectorLinkTable;

/** Connector links: at most one per owner and kind. */
export function createConnectorsRepository(db: Db) {
  return {
    find: (ownerId: string, kind: ConnectorLinkRow['kind']) =>
      db.selectFrom('connector_link').selectAll().where('owner_id', '=', ownerId).where('kind', '=', kind).executeTakeFirst(),
    list: (ownerId: string) => db.selectFrom('connector_link').selectAll().where('owner_id', '=', ownerId).execute(),
    async upsert(row: ConnectorLinkRow): Promise<void> {
      await db
        .insertInto('connector_link')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['owner_id', 'kind'])
            .doUpdateSet({ url: row.url, secret_sealed: row.secret_sealed, options: row.options, updated_at: row.updated_at }),
        )
        .execute();
    },
    async remove(ownerId: string, kind: ConnectorLinkRow['kind']): Promise<boolean> {
      const r = await db.deleteFrom('connector_link').where('owner_id', '=', ownerId).where('kind', '=', kind).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type ConnectorsRepository = ReturnType<typeof createConnectorsRepository>;
