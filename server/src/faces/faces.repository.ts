import type { Db } from '../db/database.js';
import type { FaceTable } from '../db/schema.js';
import { chunked } from '../db/chunks.js';

/** Which kind of reference face placed a face in its person (face-evidence.ts). */
export type { FaceEvidenceKind } from '../db/schema.js';
export type FaceRow = FaceTable;
/** A face without its descriptor and landmarks: what lists and boxes need. */
export type FaceSummaryRow = Omit<FaceRow, 'descriptor' | 'landmarks'>;

const summaryColumns = [
  'id',
  'asset_id',
  'owner_id',
  'box_x',
  'box_y',
  'box_w',
  'box_h',
  'norm_x',
  'norm_y',
  'norm_w',
  'norm_h',
  'score',
  'quality',
  'quality_score',
  'model',
  'model_version',
  'person_id',
  'thumbnail_sha256',
  'created_at',
  'evidence',
  'evidence_ref',
  'evidence_distance',
] as const;

/** `asset.faces_model_version` of a photo the engine failed on: done for progress, stale for re-index. */
export const failedVersion = (modelVersion: string) => `${modelVersion}!failed`;

/** All SQL touching `face` and the per-asset analysis marker `asset.faces_model_version`. */
export function createFacesRepository(db: Db) {
  return {
    summaryColumns,

    /** Faces of one asset, left to right. */
    ofAsset: (assetId: string) =>
      db.selectFrom('face').select(summaryColumns).where('asset_id', '=', assetId).orderBy('norm_x').orderBy('id').execute(),

    findOwned: (ownerId: string, id: string) =>
      db.selectFrom('face').select(summaryColumns).where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst(),

    findManyOwned: (ownerId: string, ids: string[]) =>
      ids.length
        ? db.selectFrom('face').select(summaryColumns).where('owner_id', '=', ownerId).where('id', 'in', ids).execute()
        : Promise.resolve([]),

    /** A person's faces, best quality first (at most 1000: what the split chooser shows). */
    ofPerson: (ownerId: string, personId: string) =>
      db
        .selectFrom('face')
        .select(summaryColumns)
        .where('owner_id', '=', ownerId)
        .where('person_id', '=', personId)
        .orderBy('quality_score', 'desc')
        .orderBy('id')
        .limit(1000)
        .execute(),

    /**
     * Replaces the faces of an asset and marks it analysed with `modelVersion`, in one
     * transaction (so a re-run never leaves the old and new faces side by side).
     * @returns the face rows that were replaced (their thumbnails may now be orphaned).
     */
    async replaceOfAsset(assetId: string, rows: FaceRow[]): Promise<FaceSummaryRow[]> {
      return db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom('face').select(summaryColumns).where('asset_id', '=', assetId).execute();
        await trx.deleteFrom('face').where('asset_id', '=', assetId).execute();
        for (const part of chunked(rows, 50)) await trx.insertInto('face').values(part).execute();
        return old;
      });
    },

    /** Marks a photo analysed by `modelVersion`: the last step, so a job cut short before it runs again in full. */
    async markAnalysed(assetId: string, modelVersion: string): Promise<void> {
      await db.updateTable('asset').set({ faces_model_version: modelVersion }).where('id', '=', assetId).execute();
    },

    /** Descriptors of an owner's faces of one model version, with their person (null = unassigned) and evidence. */
    descriptorsOfOwner: (ownerId: string, modelVersion: string, opts: { assigned?: boolean } = {}) => {
      let q = db
        .selectFrom('face')
        .select(['id', 'asset_id', 'person_id', 'descriptor', 'quality_score', 'evidence', 'evidence_ref', 'created_at'])
        .where('owner_id', '=', ownerId)
        .where('model_version', '=', modelVersion);
      if (opts.assigned === true) q = q.where('person_id', 'is not', null);
      if (opts.assigned === false) q = q.where('person_id', 'is', null);
      return q.orderBy('created_at').orderBy('id').execute();
    },

    /** Records what placement matched a face against (face-evidence.ts). */
    async setEvidence(faceId: string, e: Pick<FaceRow, 'evidence' | 'evidence_ref' | 'evidence_distance'>): Promise<void> {
      await db.updateTable('face').set(e).where('id', '=', faceId).execute();
    },

    async setPerson(faceIds: string[], personId: string | null): Promise<void> {
      for (const part of chunked(faceIds)) await db.updateTable('face').set({ person_id: personId }).where('id', 'in', part).execute();
    },

    /** Progress of an owner's library: photos, photos analysed with `modelVersion` (failed ones included), failed, faces. */
    async status(ownerId: string, modelVersion: string): Promise<{ total: number; done: number; failed: number; faces: number }> {
      const row = await db
        .selectFrom('asset')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when('faces_model_version', 'in', [modelVersion, failedVersion(modelVersion)])
                .then(1)
                .else(0)
                .end(),
            )
            .as('done'),
          eb.fn.sum<number>(eb.case().when('faces_model_version', '=', failedVersion(modelVersion)).then(1).else(0).end()).as('failed'),
        ])
        .where('owner_id', '=', ownerId)
        .executeTakeFirstOrThrow();
      const faces = await db
        .selectFrom('face')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_id', '=', ownerId)
        .where('model_version', '=', modelVersion)
        .executeTakeFirstOrThrow();
      return { total: Number(row.total), done: Number(row.done ?? 0), failed: Number(row.failed ?? 0), faces: Number(faces.n) };
    },

    /** Ids of an owner's assets not analysed with `modelVersion` (or of every owner when null). */
    staleAssets: (ownerId: string | null, modelVersion: string, limit: number) => {
      let q = db
        .selectFrom('asset')
        .select('id')
        .where((eb) => eb.or([eb('faces_model_version', 'is', null), eb('faces_model_version', '!=', modelVersion)]));
      if (ownerId) q = q.where('owner_id', '=', ownerId);
      return q.orderBy('captured_at', 'desc').limit(limit).execute();
    },

    /**
     * Owners with photos or reference faces described by another face model than `modelVersion`
     * (a failed analysis, `<version>!failed`, counts as this model's): after a model change, each
     * needs a re-index before their faces and references compare again.
     */
    async ownersOnOtherModel(modelVersion: string): Promise<string[]> {
      const assets = await db
        .selectFrom('asset')
        .select('owner_id')
        .distinct()
        .where('faces_model_version', 'is not', null)
        .where('faces_model_version', 'not in', [modelVersion, `${modelVersion}!failed`])
        .execute();
      const references = await db
        .selectFrom('reference_face')
        .select('account_id')
        .distinct()
        .where('model_version', 'is not', null)
        .where('model_version', '!=', modelVersion)
        .execute();
      return [...new Set([...assets.map((a) => a.owner_id), ...references.map((r) => r.account_id)])];
    },

    /** Assets never analysed (queued again at start: the in-process queue loses jobs with the process). */
    unanalysedAssets: (limit: number) =>
      db.selectFrom('asset').select('id').where('faces_model_version', 'is', null).limit(limit).execute(),

    /** Whether a face crop is still used by any face (before deleting its blob). */
    async thumbnailInUse(sha256: string): Promise<boolean> {
      return !!(await db.selectFrom('face').select('id').where('thumbnail_sha256', '=', sha256).executeTakeFirst());
    },
  };
}

export type FacesRepository = ReturnType<typeof createFacesRepository>;
