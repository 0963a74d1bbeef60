import type { Db } from '../db/database.js';
import type { ReferenceFaceTable } from '../db/schema.js';

export type ReferenceFaceRow = ReferenceFaceTable;

/** All SQL touching `reference_face`; every query is scoped by the owning account. */
export function createReferenceFacesRepository(db: Db) {
  return {
    async insertMany(rows: ReferenceFaceRow[]): Promise<void> {
      if (rows.length) await db.insertInto('reference_face').values(rows).execute();
    },
    /** Oldest first, so the first portrait a user gave stays first. */
    list: (accountId: string) =>
      db.selectFrom('reference_face').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute(),
    find: (accountId: string, id: string) =>
      db.selectFrom('reference_face').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst(),
    findBySha: (accountId: string, sha256: string) =>
      db.selectFrom('reference_face').selectAll().where('account_id', '=', accountId).where('sha256', '=', sha256).executeTakeFirst(),
    async delete(accountId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('reference_face').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type ReferenceFacesRepository = ReturnType<typeof createReferenceFacesRepository>;
