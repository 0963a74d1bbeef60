import type { Db } from '../db/database.js';
import type { AccountTable, ApiTokenTable } from '../db/schema.js';
import { selectInChunks } from '../db/chunks.js';

export type AccountRow = AccountTable;
export type ApiTokenRow = ApiTokenTable;

/** All SQL touching accounts, sessions, API tokens and invites. */
/** An error object that rolls a transaction back, remembered with the outcome it stands for. */
function mark<T>(refused: Map<unknown, T>, reason: T): Error {
  const e = new Error(String(reason));
  refused.set(e, reason);
  return e;
}

export function createAccountsRepository(db: Db) {
  return {
    async insert(row: AccountRow): Promise<void> {
      await db.insertInto('account').values(row).execute();
    },
    findById: (id: string) => db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst(),
    findByUsername: (username: string) => db.selectFrom('account').selectAll().where('username', '=', username).executeTakeFirst(),
    /** Any number of ids: the IN list goes in slices (db/chunks.ts). */
    findByIds: (ids: string[]) => selectInChunks(ids, (part) => db.selectFrom('account').selectAll().where('id', 'in', part).execute()),
    async count(): Promise<number> {
      const r = await db
        .selectFrom('account')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async update(id: string, patch: Partial<Omit<AccountRow, 'id' | 'created_at'>>): Promise<void> {
      if (Object.keys(patch).length) await db.updateTable('account').set(patch).where('id', '=', id).execute();
    },

    async insertSession(idHash: string, accountId: string, now: number, expiresAt: number): Promise<void> {
      await db.insertInto('session').values({ id_hash: idHash, account_id: accountId, created_at: now, expires_at: expiresAt }).execute();
    },
    findSession: (idHash: string) => db.selectFrom('session').selectAll().where('id_hash', '=', idHash).executeTakeFirst(),
    async deleteExpiredSessions(now: number): Promise<void> {
      await db.deleteFrom('session').where('expires_at', '<', now).execute();
    },
    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
    },

    async insertToken(row: ApiTokenTable): Promise<void> {
      await db.insertInto('api_token').values(row).execute();
    },
    findTokenByHash: (hash: string) => db.selectFrom('api_token').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
    /** The token and its account in one statement (authentication's hot path); undefined when either is gone. */
    findTokenPrincipal: (hash: string) =>
      db
        .selectFrom('api_token as t')
        .innerJoin('account as a', 'a.id', 't.account_id')
        .select(['t.id as token_id', 't.last_used_at', 't.scope', 'a.id as account_id', 'a.username'])
        .where('t.token_hash', '=', hash)
        .executeTakeFirst(),
    listTokens: (accountId: string) =>
      db.selectFrom('api_token').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').execute(),
    async deleteToken(accountId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('api_token').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async touchToken(id: string, now: number): Promise<void> {
      await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', id).execute();
    },

    async insertInvite(codeHash: string, createdBy: string, now: number): Promise<void> {
      await db
        .insertInto('invite')
        .values({ code_hash: codeHash, created_by: createdBy, created_at: now, used_by: null, used_at: null })
        .execute();
    },
    /** Marks an unused invite as used; false when it does not exist or was already used. */
    async useInvite(codeHash: string, accountId: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('invite')
        .set({ used_by: accountId, used_at: now })
        .where('code_hash', '=', codeHash)
        .where('used_by', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /**
     * Inserts a new account and, when `inviteCodeHash` is given, uses up that invite, in one transaction.
     * @returns `created`; `username_taken` when a concurrent sign-up won the unique index; `invalid_invite`
     * when the invite is unknown or used (nothing is written in either case).
     */
    async insertWithInvite(
      row: AccountRow,
      inviteCodeHash: string | null,
      now: number,
    ): Promise<'created' | 'username_taken' | 'invalid_invite'> {
      const refused = new Map<unknown, 'username_taken' | 'invalid_invite'>();
      try {
        await db.transaction().execute(async (trx) => {
          const tx = createAccountsRepository(trx);
          try {
            await tx.insert(row);
          } catch (e) {
            if (await tx.findByUsername(row.username)) throw mark(refused, 'username_taken');
            throw e;
          }
          if (inviteCodeHash !== null && !(await tx.useInvite(inviteCodeHash, row.id, now))) throw mark(refused, 'invalid_invite');
        });
        return 'created';
      } catch (e) {
        const reason = refused.get(e);
        if (reason) return reason;
        throw e;
      }
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
