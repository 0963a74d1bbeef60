import { MIN_MATCH_QUALITY } from '@kith/faces';
import crypto from 'node:crypto';
import type { Db } from '../db/database.js';
import type { DeliveryTable, RoutingSettingTable } from '../db/schema.js';
import type { DeliveryEvidence, RecognisedFace } from './routing-evidence.js';
import { chunked } from '../db/chunks.js';

/** Which kind of reference face a delivery's evidence rests on (routing-evidence.ts). */
export type { FaceEvidenceKind } from '../db/schema.js';
export type DeliveryRow = DeliveryTable;
export type RoutingMode = RoutingSettingTable['mode'];
export type DeliveryStatus = DeliveryTable['status'];

/**
 * A delivery with the contact's name, the photo's name and how the evidence face's person got
 * its link (`owner`, or the evidence kind placement linked it on; null when the face is gone), for responses.
 */
export type DeliveryView = DeliveryRow & { contact_name: string; original_name: string; person_link: string | null };

/** A recognised contact with the columns its destination is read from. */
export interface RoutableContact {
  id: string;
  name: string;
  kith_address: string | null;
  album_url: string | null;
  linked_account_id: string | null;
  linked_username: string | null;
}

/** One face of a photo in a person linked to a contact: the contact, and the face's evidence (routing-evidence.ts). */
export type RecognisedContactFace = RoutableContact & RecognisedFace;

/** A new delivery row: a fresh id, no attempt, no outcome yet, and the evidence it was made on (none when omitted). */
export function newDeliveryRow(
  f: Pick<DeliveryRow, 'owner_id' | 'asset_id' | 'contact_id' | 'destination' | 'target' | 'status'> & Partial<DeliveryEvidence>,
  now = Date.now(),
): DeliveryRow {
  return {
    id: crypto.randomUUID(),
    evidence_kind: null,
    evidence_face_id: null,
    evidence_ref: null,
    evidence_distance: null,
    ...f,
    code: null,
    message: null,
    attempts: 0,
    remote_asset_id: null,
    created_at: now,
    updated_at: now,
    delivered_at: null,
  };
}

/** SQL of server-side routing: settings, the contacts recognised in a photo, deliveries. */
export function createRoutingRepository(db: Db) {
  const view = () =>
    db
      .selectFrom('delivery as d')
      .innerJoin('contact as c', 'c.id', 'd.contact_id')
      .innerJoin('asset as a', 'a.id', 'd.asset_id')
      .leftJoin('face as ef', 'ef.id', 'd.evidence_face_id')
      .leftJoin('person as ep', 'ep.id', 'ef.person_id')
      .selectAll('d')
      .select(['c.name as contact_name', 'a.original_name', 'ep.link_source as person_link']);

  return {
    /** The sending account's name and display name (the packet's sender), or undefined when it is gone. */
    owner(accountId: string): Promise<{ username: string; display_name: string } | undefined> {
      return db.selectFrom('account').select(['username', 'display_name']).where('id', '=', accountId).executeTakeFirst();
    },

    async mode(accountId: string): Promise<RoutingMode> {
      const row = await db.selectFrom('routing_setting').select('mode').where('account_id', '=', accountId).executeTakeFirst();
      return row?.mode ?? 'suggest';
    },

    async setMode(accountId: string, mode: RoutingMode): Promise<void> {
      const now = Date.now();
      await db
        .insertInto('routing_setting')
        .values({ account_id: accountId, mode, updated_at: now })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ mode, updated_at: now }))
        .execute();
    },

    /**
     * The photo's faces in people of `ownerId` linked to one of their contacts (placed by
     * face-placement.ts): one row per face, with the contact and the face's evidence. Faces under
     * the quality floor (`MIN_MATCH_QUALITY`, @kith/faces quality.ts) stay in People but route nothing.
     */
    async contactFacesInAsset(ownerId: string, assetId: string): Promise<RecognisedContactFace[]> {
      const rows = await db
        .selectFrom('face as f')
        .innerJoin('person as p', 'p.id', 'f.person_id')
        .innerJoin('contact as c', 'c.id', 'p.contact_id')
        .leftJoin('account as l', 'l.id', 'c.linked_account_id')
        .select(['c.id', 'c.name', 'c.kith_address', 'c.album_url', 'c.linked_account_id', 'l.username as linked_username'])
        .select(['f.id as face_id', 'f.evidence', 'f.evidence_ref', 'f.evidence_distance', 'p.confirmed_at'])
        .where('f.asset_id', '=', assetId)
        .where('f.quality_score', '>=', MIN_MATCH_QUALITY)
        .where('c.owner_id', '=', ownerId)
        .orderBy('c.name')
        .orderBy('f.id')
        .execute();
      return rows.map((r) => ({ ...r, confirmed_at: r.confirmed_at === null ? null : Number(r.confirmed_at) }));
    },

    /**
     * Whether the photo was received rather than taken by the owner, so it is never routed on:
     * it came in through the owner's inbox (no echo back to its sender), or it is an image of an
     * exchange round (a capture or the composite; each is stored under the round's blob digest),
     * which the two people shared with each other only — forwarding it is their call, not Kith's.
     */
    async isReceived(assetId: string): Promise<boolean> {
      const inbox = await db
        .selectFrom('album_asset as aa')
        .innerJoin('album as al', 'al.id', 'aa.album_id')
        .select('aa.asset_id')
        .where('aa.asset_id', '=', assetId)
        .where('al.kind', '=', 'inbox')
        .executeTakeFirst();
      if (inbox) return true;
      const exchanged = await db
        .selectFrom('asset')
        .innerJoin('exchange_round as r', (j) =>
          j.on((eb) =>
            eb.or([
              eb('r.requester_sha', '=', eb.ref('asset.sha256')),
              eb('r.responder_sha', '=', eb.ref('asset.sha256')),
              eb('r.result_sha', '=', eb.ref('asset.sha256')),
            ]),
          ),
        )
        .select('asset.id')
        .where('asset.id', '=', assetId)
        .executeTakeFirst();
      return !!exchanged;
    },

    /** Inserts the rows whose (asset, contact) pair is new; @returns the ids actually inserted. */
    async insertNew(rows: DeliveryRow[]): Promise<string[]> {
      const inserted: string[] = [];
      for (const r of rows) {
        const res = await db
          .insertInto('delivery')
          .values(r)
          .onConflict((oc) => oc.columns(['asset_id', 'contact_id']).doNothing())
          .executeTakeFirst();
        if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) inserted.push(r.id);
      }
      return inserted;
    },

    find: (id: string) => db.selectFrom('delivery').selectAll().where('id', '=', id).executeTakeFirst(),

    findView: (id: string) => view().where('d.id', '=', id).executeTakeFirst(),

    ofAsset: (assetId: string): Promise<DeliveryView[]> => view().where('d.asset_id', '=', assetId).orderBy('c.name').execute(),

    /** Open suggestions of an owner (of one photo when `assetId` is given), newest first, at most `limit` rows. */
    suggestions: (ownerId: string, limit: number, assetId?: string): Promise<DeliveryView[]> =>
      view()
        .where('d.owner_id', '=', ownerId)
        .where('d.status', '=', 'suggested')
        .where('a.trashed_at', 'is', null)
        // An archived photo is out of automatic sharing, as it is out of Google Photos' suggestions.
        .where('a.archived', '=', 0)
        .$if(!!assetId, (q) => q.where('d.asset_id', '=', assetId!))
        .orderBy('d.created_at', 'desc')
        .orderBy('c.name')
        .limit(limit)
        .execute(),

    suggestedOf: (ownerId: string, assetId: string) =>
      db
        .selectFrom('delivery')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('asset_id', '=', assetId)
        .where('status', '=', 'suggested')
        .execute(),

    async setStatus(ids: string[], status: DeliveryStatus, fields: Partial<Pick<DeliveryRow, 'code' | 'message'>> = {}) {
      for (const part of chunked(ids))
        await db
          .updateTable('delivery')
          .set({ status, updated_at: Date.now(), ...fields })
          .where('id', 'in', part)
          .execute();
    },

    /** Marks a delivery `sending` and counts the attempt; @returns the attempt number, or null when it is not queued. */
    async startAttempt(id: string): Promise<number | null> {
      const row = await db
        .updateTable('delivery')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: Date.now() }))
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'sending'])
        .returning('attempts')
        .executeTakeFirst();
      return row ? row.attempts : null;
    },

    async finish(id: string, fields: Pick<DeliveryRow, 'status' | 'code' | 'message'> & Partial<Pick<DeliveryRow, 'remote_asset_id'>>) {
      const now = Date.now();
      await db
        .updateTable('delivery')
        .set({ ...fields, updated_at: now, ...(fields.status === 'delivered' ? { delivered_at: now } : {}) })
        .where('id', '=', id)
        .execute();
    },

    /** Deliveries left queued or sending (the in-process queue loses jobs with the process). */
    pending: (limit: number) => db.selectFrom('delivery').select('id').where('status', 'in', ['queued', 'sending']).limit(limit).execute(),
  };
}

export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
