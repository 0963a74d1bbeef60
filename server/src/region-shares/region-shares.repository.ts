import type { Db } from '../db/database.js';
import type { RegionShareTable, SiteKeyTable } from '../db/schema.js';

export type RegionShareRow = RegionShareTable;
export type SiteKeyRow = SiteKeyTable;

/** All SQL of region shares and site keys. */
export function createRegionSharesRepository(db: Db) {
  return {
    async insert(row: RegionShareRow): Promise<void> {
      await db.insertInto('region_share').values(row).execute();
    },
    findById: (id: string) => db.selectFrom('region_share').selectAll().where('id', '=', id).executeTakeFirst(),
    listByOwner: (ownerId: string, limit: number) =>
      db.selectFrom('region_share').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'desc').limit(limit).execute(),
    async setDelivery(id: string, status: RegionShareRow['delivery_status'], url: string | null, error: string | null): Promise<void> {
      await db
        .updateTable('region_share')
        .set({ delivery_status: status, delivery_url: url, delivery_error: error })
        .where('id', '=', id)
        .execute();
    },

    async insertSiteKey(row: SiteKeyRow): Promise<void> {
      await db.insertInto('site_key').values(row).execute();
    },
    siteKeyByKey: (key: string) => db.selectFrom('site_key').selectAll().where('key', '=', key).executeTakeFirst(),
    /** One of the owner's site keys, or undefined. */
    findSiteKey: (ownerId: string, id: string) =>
      db.selectFrom('site_key').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst(),
    siteKeysOf: (ownerId: string) => db.selectFrom('site_key').selectAll().where('owner_id', '=', ownerId).orderBy('created_at').execute(),
    async deleteSiteKey(ownerId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('site_key').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /**
     * Whether any site key allows this origin. Preflight requests carry no site-key header,
     * so they are answered for the union of all keys' origins; the real request is then
     * checked against its own key.
     */
    async anyKeyAllows(origin: string): Promise<boolean> {
      const rows = await db
        .selectFrom('site_key')
        .select('origins')
        .where('origins', 'like', `%${JSON.stringify(origin)}%`)
        .execute();
      return rows.some((r) => (JSON.parse(r.origins) as string[]).includes(origin));
    },
    /** The display name of a share's owner (shown on the public share page); undefined when the account is gone. */
    ownerName: async (ownerId: string) =>
      (await db.selectFrom('account').select('display_name').where('id', '=', ownerId).executeTakeFirst())?.display_name,
  };
}

export type RegionSharesRepository = ReturnType<typeof createRegionSharesRepository>;
