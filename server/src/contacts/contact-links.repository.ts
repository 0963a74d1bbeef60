import type { Db } from '../db/database.js';

export interface ContactLink {
  /** The local account a contact of the owner is linked to. */
  accountId: string;
  username: string;
  displayName: string;
  /** That account also holds the owner as a linked contact. */
  mutual: boolean;
  /** That account's "let my contacts gather my event photos" setting. */
  allowEventGathering: boolean;
}

/**
 * The contact graph between local accounts, read by event sharing: who the owner's
 * contacts are linked to, whether the link is mutual, and whether they allow gathering.
 * One query, whatever the number of contacts.
 */
export function createContactLinksRepository(db: Db) {
  return {
    async linksOf(ownerId: string): Promise<ContactLink[]> {
      const rows = await db
        .selectFrom('contact')
        .innerJoin('account', 'account.id', 'contact.linked_account_id')
        .select((eb) => [
          'account.id',
          'account.username',
          'account.display_name',
          'account.allow_event_gathering',
          eb
            .exists(
              eb
                .selectFrom('contact as back')
                .select('back.id')
                .whereRef('back.owner_id', '=', 'account.id')
                .where('back.linked_account_id', '=', ownerId),
            )
            .as('mutual'),
        ])
        .where('contact.owner_id', '=', ownerId)
        .where('account.id', '!=', ownerId)
        .execute();
      const byId = new Map<string, ContactLink>();
      for (const r of rows)
        byId.set(r.id, {
          accountId: r.id,
          username: r.username,
          displayName: r.display_name,
          mutual: Boolean(Number(r.mutual)), // SQLite answers 0/1, PostgreSQL a boolean
          allowEventGathering: r.allow_event_gathering === 1,
        });
      return [...byId.values()];
    },
  };
}
