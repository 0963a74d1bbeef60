import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { InboxBlockTable, InboxDropTable, InboxItemTable, InboxSettingTable } from '../db/schema.js';

export type InboxPolicy = InboxSettingTable['policy'];
export type InboxBlockRow = Selectable<InboxBlockTable>;
export type InboxDropRow = Selectable<InboxDropTable>;
export type InboxItemRow = Selectable<InboxItemTable>;

/** Rows of the album inbox (migration 0007): settings, blocks, the dropped log and received items. */
export function createInboxRepository(db: Db) {
  return {
    /** The account a packet names, or undefined. */
    accountByUsername: (username: string) =>
      db.selectFrom('account').select(['id', 'username']).where('username', '=', username).executeTakeFirst(),

    setting: (accountId: string) => db.selectFrom('inbox_setting').selectAll().where('account_id', '=', accountId).executeTakeFirst(),

    /** Creates or updates the account's settings row; only the given fields change. */
    async upsertSetting(accountId: string, patch: { policy?: InboxPolicy; album_id?: string }): Promise<void> {
      const now = Date.now();
      await db
        .insertInto('inbox_setting')
        .values({ account_id: accountId, policy: patch.policy ?? 'open', album_id: patch.album_id ?? null, updated_at: now })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...patch, updated_at: now }))
        .execute();
    },

    blocks: (accountId: string) =>
      db.selectFrom('inbox_block').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').execute(),

    /** Adds a block; an identical one already there is returned instead. */
    async addBlock(accountId: string, kind: InboxBlockRow['kind'], value: string): Promise<InboxBlockRow> {
      const row: InboxBlockRow = { id: crypto.randomUUID(), account_id: accountId, kind, value, created_at: Date.now() };
      await db
        .insertInto('inbox_block')
        .values(row)
        .onConflict((oc) => oc.columns(['account_id', 'kind', 'value']).doNothing())
        .execute();
      return db
        .selectFrom('inbox_block')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', '=', kind)
        .where('value', '=', value)
        .executeTakeFirstOrThrow();
    },

    /** @returns whether a block of that account was removed. */
    async deleteBlock(accountId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('inbox_block').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Whether one of the account's blocks names this sender address or one of these hosts. */
    async isBlocked(accountId: string, sender: string | null, hosts: string[]): Promise<boolean> {
      if (!sender && !hosts.length) return false;
      const row = await db
        .selectFrom('inbox_block')
        .select('id')
        .where('account_id', '=', accountId)
        .where((eb) =>
          eb.or([
            ...(sender ? [eb.and([eb('kind', '=', 'sender'), eb('value', '=', sender)])] : []),
            ...(hosts.length ? [eb.and([eb('kind', '=', 'host'), eb('value', 'in', hosts)])] : []),
          ]),
        )
        .executeTakeFirst();
      return !!row;
    },

    /** Whether the account has a contact with this Kith address, or linked to this local account. */
    async isContact(accountId: string, address: string | null, senderAccountId: string | null): Promise<boolean> {
      if (!address && !senderAccountId) return false;
      const row = await db
        .selectFrom('contact')
        .select('contact.id')
        .where('contact.owner_id', '=', accountId)
        .where((eb) =>
          eb.or([
            ...(address ? [eb('contact.kith_address', '=', address)] : []),
            ...(senderAccountId ? [eb('contact.linked_account_id', '=', senderAccountId)] : []),
          ]),
        )
        .executeTakeFirst();
      return !!row;
    },

    async logDrop(entry: Omit<InboxDropRow, 'id' | 'at'>): Promise<void> {
      await db
        .insertInto('inbox_drop')
        .values({ ...entry, id: crypto.randomUUID(), at: Date.now() })
        .execute();
    },

    /** Dropped pictures by code (all time) and the most recent entries, newest first. */
    async drops(accountId: string, limit: number) {
      const counts = await db
        .selectFrom('inbox_drop')
        .select(['code', db.fn.sum<number>('pictures').as('pictures')])
        .where('account_id', '=', accountId)
        .groupBy('code')
        .execute();
      const entries = await db
        .selectFrom('inbox_drop')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return { counts: Object.fromEntries(counts.map((c) => [c.code, Number(c.pictures)])), entries };
    },

    item: (assetId: string) => db.selectFrom('inbox_item').selectAll().where('asset_id', '=', assetId).executeTakeFirst(),

    async insertItem(row: InboxItemRow): Promise<void> {
      await db.insertInto('inbox_item').values(row).execute();
    },

    /** Received items, newest first (ties by asset id), after the `before` cursor, with the asset columns the listing shows. */
    items: (accountId: string, limit: number, before?: { at: number; assetId: string }) =>
      db
        .selectFrom('inbox_item')
        .innerJoin('asset', 'asset.id', 'inbox_item.asset_id')
        .selectAll('inbox_item')
        .select(['asset.width', 'asset.height', 'asset.mime', 'asset.bytes', 'asset.thumbnail_sha256', 'asset.preview_sha256'])
        .where('inbox_item.account_id', '=', accountId)
        .where('asset.trashed_at', 'is', null)
        .$if(before !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              eb('inbox_item.received_at', '<', before!.at),
              eb.and([eb('inbox_item.received_at', '=', before!.at), eb('inbox_item.asset_id', '<', before!.assetId)]),
            ]),
          ),
        )
        .orderBy('inbox_item.received_at', 'desc')
        .orderBy('inbox_item.asset_id', 'desc')
        .limit(limit)
        .execute(),
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
