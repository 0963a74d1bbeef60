import type { Db } from '../../db/database.js';

/** The SQL of the scrobbler protocols' credentials: `scrobble`-scope API tokens (`api_token`) and their accounts. */
export function createScrobblerTokensRepository(db: Db) {
  return {
    /** The account's scrobbler tokens: only they keep the md5 the legacy checks need. */
    ofAccount: (accountId: string) =>
      db
        .selectFrom('api_token')
        .select(['id', 'scrobble_md5'])
        .where('account_id', '=', accountId)
        .where('scope', '=', 'scrobble')
        .where('scrobble_md5', 'is not', null)
        .execute(),

    /** A scrobbler token by id, with its account's id and username. */
    find: (tokenId: string) =>
      db
        .selectFrom('api_token')
        .innerJoin('account', 'account.id', 'api_token.account_id')
        .select(['api_token.id', 'api_token.scrobble_md5', 'account.id as account_id', 'account.username'])
        .where('api_token.id', '=', tokenId)
        .where('api_token.scope', '=', 'scrobble')
        .where('api_token.scrobble_md5', 'is not', null)
        .executeTakeFirst(),

    /** The account of a `scrobble` token that still exists and belongs to `accountId`. */
    accountOf: (accountId: string, tokenId: string) =>
      db
        .selectFrom('api_token')
        .innerJoin('account', 'account.id', 'api_token.account_id')
        .select(['account.id', 'account.username'])
        .where('api_token.id', '=', tokenId)
        .where('api_token.account_id', '=', accountId)
        .where('api_token.scope', '=', 'scrobble')
        .executeTakeFirst(),

    /** An account's id and username by (lower-case) username. */
    accountByUsername: (username: string) =>
      db.selectFrom('account').select(['id', 'username']).where('username', '=', username).executeTakeFirst(),

    /** An API token's id by the SHA-256 of its secret. */
    tokenIdByHash: (hash: string) => db.selectFrom('api_token').select('id').where('token_hash', '=', hash).executeTakeFirst(),
  };
}

export type ScrobblerTokensRepository = ReturnType<typeof createScrobblerTokensRepository>;
