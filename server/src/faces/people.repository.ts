import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { PersonTable } from '../db/schema.js';
import { createFacesRepository } from './faces.repository.js';

export type PersonRow = PersonTable;

/** A person with what the People page shows: counts, cover face and the linked contact/account names. */
export interface PersonListRow extends PersonRow {
  face_count: number;
  photo_count: number;
  cover_thumbnail_sha256: string | null;
  contact_name: string | null;
  account_display_name: string | null;
  account_username: string | null;
}

/** All SQL touching `person`; every read is scoped by owner. */
export function createPeopleRepository(db: Db) {
  const listView = (ownerId: string) =>
    db
      .selectFrom('person as p')
      .leftJoin('contact as c', 'c.id', 'p.contact_id')
      .leftJoin('account as a', 'a.id', 'p.account_id')
      // The cover shown is the chosen face while its photo is in the library; when that photo is in the
      // trash, the person's best face among photos that are not (the trash hides a photo everywhere).
      .leftJoin('face as cf', (join) =>
        join.on((eb) =>
          eb(
            'cf.id',
            '=',
            eb
              .selectFrom('face as lf')
              .innerJoin('asset as la', 'la.id', 'lf.asset_id')
              .select('lf.id')
              .whereRef('lf.person_id', '=', 'p.id')
              .where('la.trashed_at', 'is', null)
              .orderBy(sql`case when lf.id = p.cover_face_id then 0 else 1 end`)
              .orderBy('lf.quality_score', 'desc')
              .orderBy('lf.id')
              .limit(1),
          ),
        ),
      )
      .selectAll('p')
      .select(['c.name as contact_name', 'a.display_name as account_display_name', 'a.username as account_username'])
      .select(['cf.id as shown_cover_face_id', 'cf.thumbnail_sha256 as cover_thumbnail_sha256'])
      .select((eb) => [
        // Faces of photos in the trash do not count (a person seen only there is not listed).
        eb
          .selectFrom('face')
          .innerJoin('asset as fa', 'fa.id', 'face.asset_id')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('face.person_id', '=', 'p.id')
          .where('fa.trashed_at', 'is', null)
          .as('face_count'),
        eb
          .selectFrom('face')
          .innerJoin('asset as fa', 'fa.id', 'face.asset_id')
          .select(sql<number>`count(distinct face.asset_id)`.as('n'))
          .whereRef('face.person_id', '=', 'p.id')
          .where('fa.trashed_at', 'is', null)
          .as('photo_count'),
      ])
      .where('p.owner_id', '=', ownerId);

  const normalise = ({ shown_cover_face_id, ...r }: PersonListRow & { shown_cover_face_id?: string | null }): PersonListRow => ({
    ...r,
    cover_face_id: shown_cover_face_id ?? null,
    face_count: Number(r.face_count),
    photo_count: Number(r.photo_count),
  });

  return {
    /**
     * Starts a visible person with no cover yet, optionally named or linked.
     * @returns the new person's id.
     */
    async create(
      ownerId: string,
      fields: Partial<Pick<PersonRow, 'name' | 'contact_id' | 'account_id' | 'link_source' | 'confirmed_at'>> = {},
    ): Promise<string> {
      const now = Date.now();
      const id = crypto.randomUUID();
      await db
        .insertInto('person')
        .values({
          id,
          owner_id: ownerId,
          name: fields.name ?? null,
          contact_id: fields.contact_id ?? null,
          account_id: fields.account_id ?? null,
          hidden: 0,
          cover_face_id: null,
          created_at: now,
          updated_at: now,
          link_source: fields.link_source ?? null,
          confirmed_at: fields.confirmed_at ?? null,
        })
        .execute();
      return id;
    },

    find: (ownerId: string, id: string) =>
      db.selectFrom('person').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst(),

    async findView(ownerId: string, id: string): Promise<PersonListRow | undefined> {
      const r = (await listView(ownerId).where('p.id', '=', id).executeTakeFirst()) as PersonListRow | undefined;
      return r && normalise(r);
    },

    /** People with at least one face, most photos first; hidden ones only when asked. */
    async list(ownerId: string, includeHidden: boolean): Promise<PersonListRow[]> {
      let q = listView(ownerId);
      if (!includeHidden) q = q.where('p.hidden', '=', 0);
      const rows = (await q.execute()) as PersonListRow[];
      return rows
        .map(normalise)
        .filter((r) => r.face_count > 0)
        .sort(
          (a, b) =>
            Number(!!b.name || !!b.contact_id || !!b.account_id) - Number(!!a.name || !!a.contact_id || !!a.account_id) ||
            b.photo_count - a.photo_count ||
            a.created_at - b.created_at,
        );
    },

    /** The owner's people whose link the owner confirmed: person id → `confirmed_at` (ms). */
    async confirmedOf(ownerId: string): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('person')
        .select(['id', 'confirmed_at'])
        .where('owner_id', '=', ownerId)
        .where('confirmed_at', 'is not', null)
        .execute();
      return new Map(rows.map((r) => [r.id, Number(r.confirmed_at)]));
    },

    /** The owner's person linked to this account or contact, if any. */
    findLinked: (ownerId: string, link: { accountId?: string; contactId?: string }) => {
      let q = db.selectFrom('person').selectAll().where('owner_id', '=', ownerId);
      q = link.accountId ? q.where('account_id', '=', link.accountId) : q.where('contact_id', '=', link.contactId ?? '');
      return q.orderBy('created_at').executeTakeFirst();
    },

    async update(ownerId: string, id: string, fields: Partial<Omit<PersonRow, 'id' | 'owner_id' | 'created_at'>>): Promise<void> {
      await db
        .updateTable('person')
        .set({ ...fields, updated_at: Date.now() })
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .execute();
    },

    async delete(ownerId: string, id: string): Promise<void> {
      await db.deleteFrom('person').where('owner_id', '=', ownerId).where('id', '=', id).execute();
    },

    /** Points each person's cover at its best-quality face (or null when it has none left). */
    async refreshCovers(personIds: string[]): Promise<void> {
      for (const id of new Set(personIds)) {
        const best = await db
          .selectFrom('face')
          .select('id')
          .where('person_id', '=', id)
          .orderBy('quality_score', 'desc')
          .orderBy('id')
          .executeTakeFirst();
        await db
          .updateTable('person')
          .set({ cover_face_id: best?.id ?? null })
          .where('id', '=', id)
          .execute();
      }
    },

    /** Removes people left without faces that carry nothing the owner gave (name or link). */
    async deleteEmptyUnnamed(ownerId: string): Promise<void> {
      await db
        .deleteFrom('person')
        .where('owner_id', '=', ownerId)
        .where('name', 'is', null)
        .where('contact_id', 'is', null)
        .where('account_id', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('face').select('face.id').whereRef('face.person_id', '=', 'person.id'))))
        .execute();
    },

    /** People of the caller not hidden (what the face status counts). */
    async countVisible(ownerId: string): Promise<number> {
      const r = await db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_id', '=', ownerId)
        .where('hidden', '=', 0)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Name fields of people by id (any owner: the caller checks the people are theirs), for display names. */
    namesOf: (personIds: string[]) =>
      db
        .selectFrom('person as p')
        .leftJoin('contact as c', 'c.id', 'p.contact_id')
        .leftJoin('account as a', 'a.id', 'p.account_id')
        .select(['p.id', 'p.name', 'p.hidden', 'c.name as contact_name', 'a.display_name as account_display_name'])
        .where('p.id', 'in', personIds)
        .execute(),

    /**
     * Merge in one transaction: every face of `sourceIds` moves to `targetId`, `fields` are set on the
     * target, the sources are deleted and the target's cover is chosen again.
     */
    async mergeInto(
      ownerId: string,
      targetId: string,
      sourceIds: string[],
      fields: Partial<Omit<PersonRow, 'id' | 'owner_id' | 'created_at'>>,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const tx = createPeopleRepository(trx);
        await trx.updateTable('face').set({ person_id: targetId }).where('person_id', 'in', sourceIds).execute();
        await tx.update(ownerId, targetId, fields);
        for (const s of sourceIds) await tx.delete(ownerId, s);
        await tx.refreshCovers([targetId]);
      });
    },

    /**
     * Split in one transaction: a new person (optionally named) takes `faceIds` from `fromId`; both covers
     * are chosen again. @returns the new person's id.
     */
    async splitOff(ownerId: string, fromId: string, faceIds: string[], name: string | null): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const tx = createPeopleRepository(trx);
        const created = await tx.create(ownerId, { name });
        await createFacesRepository(trx).setPerson(faceIds, created);
        await tx.refreshCovers([fromId, created]);
        return created;
      });
    },

    /**
     * One page of the photos a person is in, newest capture first; the cursor is the last
     * row's (captured_at, id) as in the library timeline.
     */
    photos(ownerId: string, personId: string, limit: number, after?: { capturedAt: number; id: string }) {
      let q = db
        .selectFrom('asset')
        .selectAll('asset')
        .where('asset.owner_id', '=', ownerId)
        .where('asset.trashed_at', 'is', null)
        .where((eb) =>
          eb.exists(
            eb.selectFrom('face').select('face.id').whereRef('face.asset_id', '=', 'asset.id').where('face.person_id', '=', personId),
          ),
        );
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('asset.captured_at', '<', after.capturedAt),
            eb.and([eb('asset.captured_at', '=', after.capturedAt), eb('asset.id', '<', after.id)]),
          ]),
        );
      return q.orderBy('asset.captured_at', 'desc').orderBy('asset.id', 'desc').limit(limit).execute();
    },

    /**
     * Names other services gave the people in this person's photos (asset_name_suggestion), with how many of
     * the person's photos carry each: most photos first, then by name.
     */
    async nameSuggestions(ownerId: string, personId: string, limit: number): Promise<Array<{ name: string; photos: number }>> {
      const rows = await db
        .selectFrom('asset_name_suggestion as s')
        .innerJoin('asset', 'asset.id', 's.asset_id')
        .where('asset.owner_id', '=', ownerId)
        .where((eb) =>
          eb.exists(
            eb.selectFrom('face').select('face.id').whereRef('face.asset_id', '=', 's.asset_id').where('face.person_id', '=', personId),
          ),
        )
        .select((eb) => ['s.name', eb.fn.count<number | string>('s.asset_id').as('photos')])
        .groupBy('s.name')
        .orderBy('photos', 'desc')
        .orderBy('s.name')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ name: r.name, photos: Number(r.photos) }));
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
