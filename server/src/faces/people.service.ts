import type { Principal } from '../common/principal.js';
import type { Db } from '../db/database.js';
import { errors } from '../common/errors.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { createFacesRepository } from './faces.repository.js';
import { createPeopleRepository, type PersonListRow } from './people.repository.js';

/** What the owner may change on a person (PATCH /api/people/{id}); null clears. */
export interface PersonPatch {
  name?: string | null;
  hidden?: boolean;
  /** Link to one of the owner's contacts (clears an account link). */
  contactId?: string | null;
  /** Link to the owner's own account or the account one of their contacts is linked to (clears a contact link). */
  accountId?: string | null;
}

/** The owner linked or confirmed a person's link now. */
const confirmedByOwner = () => ({ link_source: 'owner' as const, confirmed_at: Date.now() });
const unconfirmed = { link_source: null, confirmed_at: null };

/**
 * People: the owner's faces grouped by face-placement.ts, and the owner's edits on them —
 * name, link to a contact or an account, hide, merge, split. Edits are never undone by
 * automatic placement, which only ever places unassigned faces.
 */
export function createPeopleService({ db, realtime }: { db: Db; realtime: RealtimeHub }) {
  const repo = createPeopleRepository(db);
  const faces = createFacesRepository(db);

  async function getOwn(principal: Principal, id: string): Promise<PersonListRow> {
    const p = await repo.findView(principal.accountId, id);
    if (!p) throw errors.notFound('person');
    return p;
  }

  const changed = (ownerId: string, personIds: string[]) => realtime.emitToAccount(ownerId, 'people.updated', { personIds });

  /** @throws 404 `not_found` unless the account is the owner or the account of one of the owner's contacts. */
  async function checkAccountLink(ownerId: string, accountId: string) {
    if (accountId === ownerId) return;
    const linked = await db
      .selectFrom('contact')
      .select('id')
      .where('owner_id', '=', ownerId)
      .where('linked_account_id', '=', accountId)
      .executeTakeFirst();
    if (!linked) throw errors.notFound('account among your contacts');
  }

  return {
    repo,

    /** The caller's people with at least one face, named/linked first, then by photo count. */
    list: (principal: Principal, includeHidden: boolean) => repo.list(principal.accountId, includeHidden),

    /** @throws 404 `not_found`. */
    get: getOwn,

    /** A page of the person's photos, newest first. @throws 404 `not_found`. */
    async photos(principal: Principal, id: string, limit: number, after?: { capturedAt: number; id: string }) {
      await getOwn(principal, id);
      return repo.photos(principal.accountId, id, limit, after);
    },

    /**
     * Names imported with the person's photos (Google Takeout `people[].name`) as suggestions for naming
     * them: up to 10, most photos first. Never applied by themselves. @throws 404 `not_found`.
     */
    async nameSuggestions(principal: Principal, id: string) {
      await getOwn(principal, id);
      return repo.nameSuggestions(principal.accountId, id, 10);
    },

    /**
     * Renames, hides/unhides or links a person. Linking (`contactId`/`accountId`, also to the
     * contact it is already linked to) is the owner's confirmation: from then on, faces that join
     * it through faces the owner vouches for are evidence `auto` routing sends on
     * (docs/security.md "Faces and automatic sharing"). Unlinking drops the confirmation.
     * @throws 404 `not_found` (person, contact or account not the caller's).
     */
    async update(principal: Principal, id: string, patch: PersonPatch): Promise<PersonListRow> {
      await getOwn(principal, id);
      const fields: Parameters<typeof repo.update>[2] = {};
      if (patch.name !== undefined) fields.name = patch.name;
      if (patch.hidden !== undefined) fields.hidden = patch.hidden ? 1 : 0;
      if (patch.contactId) {
        const c = await db
          .selectFrom('contact')
          .select('id')
          .where('owner_id', '=', principal.accountId)
          .where('id', '=', patch.contactId)
          .executeTakeFirst();
        if (!c) throw errors.notFound('contact');
        Object.assign(fields, { contact_id: c.id, account_id: null }, confirmedByOwner());
      } else if (patch.contactId === null) Object.assign(fields, { contact_id: null }, unconfirmed);
      if (patch.accountId) {
        await checkAccountLink(principal.accountId, patch.accountId);
        Object.assign(fields, { account_id: patch.accountId, contact_id: null }, confirmedByOwner());
      } else if (patch.accountId === null) Object.assign(fields, { account_id: null }, unconfirmed);
      await repo.update(principal.accountId, id, fields);
      changed(principal.accountId, [id]);
      return getOwn(principal, id);
    },

    /**
     * Moves every face of `sourceIds` into `targetId` and deletes the sources. The target keeps
     * its name and link, or takes the first source's when it has none; when that link is one the
     * owner confirmed, the merge confirms the moved faces too (the owner chose to put them there).
     * @throws 404 `not_found`; 400 `invalid_merge` when the target is among the sources.
     */
    async merge(principal: Principal, targetId: string, sourceIds: string[]): Promise<PersonListRow> {
      if (sourceIds.includes(targetId))
        throw errors.badRequest('invalid_merge', 'A person cannot be merged into themself: leave the target out of `personIds`.');
      const target = await getOwn(principal, targetId);
      const sources = await Promise.all(sourceIds.map((s) => getOwn(principal, s)));
      await db.transaction().execute(async (trx) => {
        const tx = createPeopleRepository(trx);
        await trx.updateTable('face').set({ person_id: targetId }).where('person_id', 'in', sourceIds).execute();
        const named = sources.find((s) => s.name);
        const linked = sources.find((s) => s.contact_id || s.account_id);
        const link = target.contact_id || target.account_id ? target : linked;
        await tx.update(principal.accountId, targetId, {
          name: target.name ?? named?.name ?? null,
          ...(target.contact_id || target.account_id
            ? {}
            : { contact_id: linked?.contact_id ?? null, account_id: linked?.account_id ?? null, link_source: linked?.link_source ?? null }),
          // Merging into a confirmed person is the owner vouching for every face now in it.
          ...(link?.confirmed_at != null ? { confirmed_at: Date.now() } : {}),
        });
        for (const s of sourceIds) await tx.delete(principal.accountId, s);
        await tx.refreshCovers([targetId]);
      });
      changed(principal.accountId, [targetId, ...sourceIds]);
      return getOwn(principal, targetId);
    },

    /**
     * Moves chosen faces of a person to a new person (optionally named).
     * @throws 404 `not_found`; 400 `invalid_split` when a face is not this person's, or all of them would move.
     */
    async split(principal: Principal, id: string, faceIds: string[], name?: string): Promise<PersonListRow> {
      const person = await getOwn(principal, id);
      const chosen = await faces.findManyOwned(principal.accountId, [...new Set(faceIds)]);
      if (chosen.length !== new Set(faceIds).size || chosen.some((f) => f.person_id !== id))
        throw errors.badRequest('invalid_split', "Every face id must be one of this person's faces (GET /api/people/{id}/faces).");
      if (chosen.length === person.face_count)
        throw errors.badRequest('invalid_split', 'Choose some of the faces, not all: to rename the person, PATCH it instead.');
      const newId = await db.transaction().execute(async (trx) => {
        const tx = createPeopleRepository(trx);
        const created = await tx.create(principal.accountId, { name: name ?? null });
        await createFacesRepository(trx).setPerson(
          chosen.map((f) => f.id),
          created,
        );
        await tx.refreshCovers([id, created]);
        return created;
      });
      changed(principal.accountId, [id, newId]);
      return getOwn(principal, newId);
    },

    /** A person and its faces, best first (for choosing what to split). @throws 404 `not_found`. */
    async faces(principal: Principal, id: string) {
      const person = await getOwn(principal, id);
      const rows = await db
        .selectFrom('face')
        .select(faces.summaryColumns)
        .where('owner_id', '=', principal.accountId)
        .where('person_id', '=', id)
        .orderBy('quality_score', 'desc')
        .orderBy('id')
        .limit(1000)
        .execute();
      return { person, faces: rows };
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
