import type { Db } from '../db/database.js';
import type { ReferenceFaceTable } from '../db/schema.js';

export type ReferenceFaceRow = ReferenceFaceTable;

/** All SQL touching `reference_face`; every query is scoped by the owning account. */
export function createReferenceFacesRepository(db: Db) {
  return {
    async insertMany(rows: ReferenceFaceRow[]): Promise<void> {
      if (rows.length) await db.insertInto('reference_face').values(rows).execute();
    },
    /** Oldest first, so the first reference face a user gave stays first. */
    list: (accountId: string) =>
      db.selectFrom('reference_face').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute(),
    find: (accountId: string, id: string) =>
      db.selectFrom('reference_face').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst(),
    findBySha: (accountId: string, sha256: string) =>
      db.selectFrom('reference_face').selectAll().where('account_id', '=', accountId).where('sha256', '=', sha256).executeTakeFirst(),
    /** Reference faces never described, or described by another model than `modelVersion`. */
    stale: (accountId: string, modelVersion: string) =>
      db
        .selectFrom('reference_face')
        .select(['id', 'sha256'])
        .where('account_id', '=', accountId)
        .where((eb) => eb.or([eb('model_version', 'is', null), eb('model_version', '!=', modelVersion)]))
        .execute(),
    async setDescription(
      accountId: string,
      id: string,
      fields: Pick<ReferenceFaceRow, 'descriptor' | 'model_version' | 'face_note'>,
    ): Promise<void> {
      await db.updateTable('reference_face').set(fields).where('account_id', '=', accountId).where('id', '=', id).execute();
    },
    async delete(accountId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('reference_face').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type ReferenceFacesRepository = ReturnType<typeof createReferenceFacesRepository>;
