import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { AssetDto } from '../assets/assets.mapper.js';
import type { AssetRow } from '../assets/assets.repository.js';
import type { ContactAccess } from '../contacts/contact.access.js';
import type { ContactsRepository } from '../contacts/contacts.repository.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { FacesRepository } from './faces.repository.js';
import type { PersonAccess } from './person.access.js';
import type { PeopleRepository, PersonListRow } from './people.repository.js';

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
/**
 * Maps `limit + 1` capture-ordered asset rows to one API page (the assets' DTOs and the next cursor);
 * the assets domain's mapper, wired in app/container.ts.
 */
export type AssetPager = (rows: AssetRow[], limit: number) => Promise<{ items: AssetDto[]; nextCursor: string | null }>;

export interface PeopleServiceDeps {
  repo: PeopleRepository;
  faces: FacesRepository;
  contacts: ContactsRepository;
  access: PersonAccess;
  contactAccess: ContactAccess;
  realtime: RealtimeHub;
  assetPage: AssetPager;
}

export function createPeopleService({ repo, faces, contacts, access, contactAccess, realtime, assetPage }: PeopleServiceDeps) {
  const getOwn = access.requirePerson;

  const changed = (ownerId: string, personIds: string[]) => realtime.emitToAccount(ownerId, 'people.updated', { personIds });

  /** @throws 404 `not_found` unless the account is the owner or the account of one of the owner's contacts. */
  async function checkAccountLink(ownerId: string, accountId: string) {
    if (accountId === ownerId) return;
    if (!(await contacts.hasLinkTo(ownerId, accountId))) throw errors.notFound('account among your contacts');
  }

  return {
    /** The caller's people with at least one face, named/linked first, then by photo count. */
    list: (principal: Principal, includeHidden: boolean) => repo.list(principal.accountId, includeHidden),

    /** @throws 404 `not_found`. */
    get: getOwn,

    /**
     * A page of at most `limit` of the person's photos, newest capture first, and the cursor of the next.
     * @throws 404 `not_found`.
     */
    async photos(principal: Principal, id: string, limit: number, after?: { capturedAt: number; id: string }) {
      await getOwn(principal, id);
      return assetPage(await repo.photos(principal.accountId, id, limit + 1, after), limit);
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
        const c = await contactAccess.requireContact(principal, patch.contactId);
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
      const named = sources.find((s) => s.name);
      const linked = sources.find((s) => s.contact_id || s.account_id);
      const link = target.contact_id || target.account_id ? target : linked;
      await repo.mergeInto(principal.accountId, targetId, sourceIds, {
        name: target.name ?? named?.name ?? null,
        ...(target.contact_id || target.account_id
          ? {}
          : { contact_id: linked?.contact_id ?? null, account_id: linked?.account_id ?? null, link_source: linked?.link_source ?? null }),
        // Merging into a confirmed person is the owner vouching for every face now in it.
        ...(link?.confirmed_at != null ? { confirmed_at: Date.now() } : {}),
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
      const newId = await repo.splitOff(
        principal.accountId,
        id,
        chosen.map((f) => f.id),
        name ?? null,
      );
      changed(principal.accountId, [id, newId]);
      return getOwn(principal, newId);
    },

    /** A person and its faces, best first (for choosing what to split). @throws 404 `not_found`. */
    async faces(principal: Principal, id: string) {
      const person = await getOwn(principal, id);
      return { person, faces: await faces.ofPerson(principal.accountId, id) };
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
