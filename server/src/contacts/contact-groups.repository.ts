import type { Db } from '../db/database.js';
import { chunked } from '../db/chunks.js';
import type { ContactGroupTable } from '../db/schema.js';

/** A group with how many contacts it holds. */
export interface GroupSummary extends ContactGroupTable {
  member_count: number;
}

/** All SQL touching contact groups (migration 0016). Every read is scoped by owner. */
export function createContactGroupsRepository(db: Db) {
  const summaries = (ownerId: string) =>
    db
      .selectFrom('contact_group as g')
      .leftJoin('contact_group_member as m', 'm.group_id', 'g.id')
      .where('g.owner_id', '=', ownerId)
      .groupBy(['g.id', 'g.owner_id', 'g.name', 'g.uid', 'g.created_at'])
      .select(['g.id', 'g.owner_id', 'g.name', 'g.uid', 'g.created_at'])
      .select((eb) => eb.fn.count<number | string>('m.contact_id').as('member_count'));
  const numeric = (r: Omit<GroupSummary, 'member_count'> & { member_count: number | string }): GroupSummary => ({
    ...r,
    member_count: Number(r.member_count),
  });

  return {
    /** The owner's groups by name (case-insensitive), each with its member count. */
    async list(ownerId: string): Promise<GroupSummary[]> {
      const rows = await summaries(ownerId).execute();
      return rows.map(numeric).sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id));
    },

    async find(ownerId: string, id: string): Promise<GroupSummary | undefined> {
      const row = await summaries(ownerId).where('g.id', '=', id).executeTakeFirst();
      return row && numeric(row);
    },

    /** The owner's group of this UID, else (no UID) of this name: a re-imported group card lands in the same group. */
    findSame: (ownerId: string, uid: string | null, name: string) =>
      db
        .selectFrom('contact_group')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where((eb) => (uid ? eb('uid', '=', uid) : eb.and([eb('uid', 'is', null), eb('name', '=', name)])))
        .executeTakeFirst(),

    insert: (row: ContactGroupTable) => db.insertInto('contact_group').values(row).execute(),

    /** Adds members, leaving out those already in the group. */
    async addMembers(groupId: string, contactIds: string[]): Promise<void> {
      const have = new Set(
        (await db.selectFrom('contact_group_member').select('contact_id').where('group_id', '=', groupId).execute()).map(
          (r) => r.contact_id,
        ),
      );
      const fresh = [...new Set(contactIds)].filter((id) => !have.has(id));
      for (const part of chunked(fresh)) {
        await db
          .insertInto('contact_group_member')
          .values(part.map((contact_id) => ({ group_id: groupId, contact_id })))
          .execute();
      }
    },

    /** The owner's contacts holding one of these identifiers (E.164 phone or lower-cased e-mail), keyed `p:…` / `e:…`. */
    async contactsByIdentifier(ownerId: string, phones: string[], emails: string[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      for (const [kind, values] of [
        ['phone', phones],
        ['email', emails],
      ] as const)
        for (const part of chunked(values)) {
          const rows = await db
            .selectFrom('contact_identifier')
            .select(['contact_id', 'value'])
            .where('owner_id', '=', ownerId)
            .where('kind', '=', kind)
            .where('value', 'in', part)
            .execute();
          for (const r of rows) found.set(`${kind[0]}:${r.value}`, r.contact_id);
        }
      return found;
    },
  };
}

export type ContactGroupsRepository = ReturnType<typeof createContactGroupsRepository>;
