import type { Db } from '../db/database.js';
import type { ExchangePolicyTable, ExchangeReactionTable, ExchangeReportTable, ExchangeRoundTable, ExchangeTable } from '../db/schema.js';

export type ExchangeRow = ExchangeTable;
export type RoundRow = ExchangeRoundTable;
export type ReactionRow = ExchangeReactionTable;
export type ExchangePolicy = ExchangePolicyTable['policy'];

/** Persistence of exchanges, their rounds, reactions, blocks, reports and policies (migration 0009). */
export function createExchangesRepository(db: Db) {
  return {
    async insert(row: ExchangeRow, round: RoundRow): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('exchange').values(row).execute();
        await trx.insertInto('exchange_round').values(round).execute();
      });
    },

    findById: (id: string) => db.selectFrom('exchange').selectAll().where('id', '=', id).executeTakeFirst(),
    findByInviteHash: (hash: string) => db.selectFrom('exchange').selectAll().where('invite_hash', '=', hash).executeTakeFirst(),
    findByGuestHash: (hash: string) => db.selectFrom('exchange').selectAll().where('guest_hash', '=', hash).executeTakeFirst(),

    /** An account's exchanges in either role, most recently changed first. */
    listFor: (accountId: string, limit: number) =>
      db
        .selectFrom('exchange')
        .selectAll()
        .where((eb) => eb.or([eb('requester_id', '=', accountId), eb('responder_id', '=', accountId)]))
        .orderBy('updated_at', 'desc')
        .limit(limit)
        .execute(),

    /** Pending requests whose expiry passed (startup sweep and timers). */
    listPendingExpiring: () => db.selectFrom('exchange').select(['id', 'expires_at']).where('status', '=', 'pending').execute(),

    /**
     * Moves an exchange from one of `from` to `to` (with extra columns), only if it is still there:
     * the compare-and-set that makes concurrent accept/decline/expiry safe. @returns whether it moved.
     */
    async transition(id: string, from: ExchangeRow['status'][], to: ExchangeRow['status'], extra: Partial<ExchangeRow> = {}) {
      const r = await db
        .updateTable('exchange')
        .set({ ...extra, status: to, updated_at: Date.now() })
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Binds a still-open invite to its first guest (compare-and-set on the invite hash). @returns whether this call won. */
    async bindGuest(id: string, inviteHash: string, patch: Pick<ExchangeRow, 'guest_name' | 'guest_hash' | 'guest_until'>, now: number) {
      const r = await db
        .updateTable('exchange')
        .set({ ...patch, invite_hash: null, status: 'active', updated_at: now })
        .where('id', '=', id)
        .where('invite_hash', '=', inviteHash)
        .where('status', '=', 'pending')
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async touch(id: string, patch: Partial<ExchangeRow>): Promise<void> {
      await db
        .updateTable('exchange')
        .set({ ...patch, updated_at: Date.now() })
        .where('id', '=', id)
        .execute();
    },

    /** Rounds of several exchanges (a listing's 200 at most: one IN list), in round order. */
    roundsOf: (exchangeIds: string[]) =>
      db.selectFrom('exchange_round').selectAll().where('exchange_id', 'in', exchangeIds).orderBy('n').execute(),
    round: (exchangeId: string, n: number) =>
      db.selectFrom('exchange_round').selectAll().where('exchange_id', '=', exchangeId).where('n', '=', n).executeTakeFirst(),

    /** Stores one side's capture if that side has none yet in the round. @returns whether it was stored. */
    async setCapture(exchangeId: string, n: number, side: 'requester' | 'responder', sha: string, sourceSha: string): Promise<boolean> {
      const col = side === 'requester' ? 'requester_sha' : 'responder_sha';
      const r = await db
        .updateTable('exchange_round')
        .set({ [col]: sha, [`${side}_source_sha`]: sourceSha })
        .where('exchange_id', '=', exchangeId)
        .where('n', '=', n)
        .where('phase', '=', 'waiting')
        .where(col, 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Moves a round from `from` to the given phase (compare-and-set). @returns whether it moved. */
    async setPhase(exchangeId: string, n: number, from: RoundRow['phase'], patch: Partial<RoundRow> & Pick<RoundRow, 'phase'>) {
      const r = await db
        .updateTable('exchange_round')
        .set(patch)
        .where('exchange_id', '=', exchangeId)
        .where('n', '=', n)
        .where('phase', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Starts round n + 1 when round n is finished (the exchange's counter is the lock). @returns whether it started. */
    async nextRound(exchangeId: string, n: number, round: RoundRow): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('exchange')
          .set({ current_round: n + 1, updated_at: round.created_at })
          .where('id', '=', exchangeId)
          .where('current_round', '=', n)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await trx.insertInto('exchange_round').values(round).execute();
        return true;
      });
    },

    reactionsOf: (exchangeIds: string[]) =>
      db.selectFrom('exchange_reaction').selectAll().where('exchange_id', 'in', exchangeIds).orderBy('created_at').execute(),
    async addReaction(row: ReactionRow): Promise<void> {
      await db
        .insertInto('exchange_reaction')
        .values(row)
        .onConflict((oc) => oc.columns(['exchange_id', 'n', 'by', 'emoji']).doNothing())
        .execute();
    },

    async policyOf(accountId: string): Promise<ExchangePolicy> {
      const row = await db.selectFrom('exchange_policy').select('policy').where('account_id', '=', accountId).executeTakeFirst();
      return row?.policy ?? 'contacts';
    },
    async setPolicy(accountId: string, policy: ExchangePolicy): Promise<void> {
      const now = Date.now();
      await db
        .insertInto('exchange_policy')
        .values({ account_id: accountId, policy, updated_at: now })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ policy, updated_at: now }))
        .execute();
    },

    async isBlocked(blockerId: string, blockedId: string): Promise<boolean> {
      const row = await db
        .selectFrom('exchange_block')
        .select('blocker_id')
        .where('blocker_id', '=', blockerId)
        .where('blocked_id', '=', blockedId)
        .executeTakeFirst();
      return Boolean(row);
    },
    async block(blockerId: string, blockedId: string): Promise<void> {
      await db
        .insertInto('exchange_block')
        .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: Date.now() })
        .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
        .execute();
    },
    async report(row: ExchangeReportTable): Promise<void> {
      await db.insertInto('exchange_report').values(row).execute();
    },

    /** Abuse reports, newest first, with the usernames of reporter (null: a guest) and reported (null: a guest). */
    listReports: (limit: number) =>
      db
        .selectFrom('exchange_report as r')
        .leftJoin('account as by', 'by.id', 'r.reporter_id')
        .leftJoin('account as about', 'about.id', 'r.reported_id')
        .select(['r.id', 'r.exchange_id', 'r.reason', 'r.created_at', 'by.username as reporter', 'about.username as reported'])
        .orderBy('r.created_at', 'desc')
        .limit(limit)
        .execute(),
    async isAdmin(accountId: string): Promise<boolean> {
      const row = await db.selectFrom('account').select('is_admin').where('id', '=', accountId).executeTakeFirst();
      return row?.is_admin === 1;
    },

    /** Whether `ownerId` has a contact linked to `accountId` (the `contacts` policy). */
    async hasContactLinkedTo(ownerId: string, accountId: string): Promise<boolean> {
      const row = await db
        .selectFrom('contact')
        .select('id')
        .where('owner_id', '=', ownerId)
        .where('linked_account_id', '=', accountId)
        .executeTakeFirst();
      return Boolean(row);
    },

    accountByUsername: (username: string) =>
      db.selectFrom('account').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirst(),
    accountsByIds: (ids: string[]) =>
      ids.length
        ? db.selectFrom('account').select(['id', 'username', 'display_name']).where('id', 'in', ids).execute()
        : Promise.resolve([]),
    contactAccount: (ownerId: string, contactId: string) =>
      db
        .selectFrom('contact')
        .select(['id', 'linked_account_id'])
        .where('owner_id', '=', ownerId)
        .where('id', '=', contactId)
        .executeTakeFirst(),
  };
}

export type ExchangesRepository = ReturnType<typeof createExchangesRepository>;
