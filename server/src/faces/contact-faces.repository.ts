import type { Db } from '../db/database.js';
import type { ContactFaceTable } from '../db/schema.js';

export type ContactFaceRow = ContactFaceTable;

/** All SQL touching `contact_face` (a contact's photo described as a reference face) and the photos it describes. */
export function createContactFacesRepository(db: Db) {
  return {
    /** Stores a contact's description, replacing any earlier one (one row per contact). */
    async upsert(contactId: string, row: Omit<ContactFaceRow, 'contact_id'>): Promise<void> {
      await db
        .insertInto('contact_face')
        .values({ contact_id: contactId, ...row })
        .onConflict((oc) => oc.column('contact_id').doUpdateSet(row))
        .execute();
    },

    /** A contact's owner and current photo (any owner: the `faces.contact` job runs for the system). */
    contactPhoto: (contactId: string) =>
      db.selectFrom('contact').select(['id', 'owner_id', 'photo_sha256']).where('id', '=', contactId).executeTakeFirst(),

    find: (contactId: string) => db.selectFrom('contact_face').selectAll().where('contact_id', '=', contactId).executeTakeFirst(),

    /** Contacts of an owner whose photo was never described, changed since, or was described by another model. */
    async staleContacts(ownerId: string, modelVersion: string): Promise<string[]> {
      const rows = await db
        .selectFrom('contact')
        .leftJoin('contact_face as f', 'f.contact_id', 'contact.id')
        .select(['contact.id'])
        .where('contact.owner_id', '=', ownerId)
        .where('contact.photo_sha256', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('f.contact_id', 'is', null),
            eb('f.model_version', '!=', modelVersion),
            eb('f.photo_sha256', '!=', eb.ref('contact.photo_sha256')),
          ]),
        )
        .execute();
      return rows.map((r) => r.id);
    },

    /** The stored note of a contact's photo (null when fine or not analysed). */
    noteOf: async (contactId: string) =>
      (await db.selectFrom('contact_face').select('note').where('contact_id', '=', contactId).executeTakeFirst())?.note ?? null,
  };
}

export type ContactFacesRepository = ReturnType<typeof createContactFacesRepository>;
