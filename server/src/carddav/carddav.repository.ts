import type { Db } from '../db/database.js';
import type { CarddavBookRow, CarddavCardTable } from '../db/schema.js';

export type BookRow = CarddavBookRow;
export type CardRow = CarddavCardTable;

/** Connected CardDAV address books and the per-card sync state (tables of migration 0022). */
export function createCarddavRepository(db: Db) {
  return {
    async insertBook(row: BookRow): Promise<void> {
      await db.insertInto('carddav_book').values(row).execute();
    },
    findBook: (ownerId: string, id: string) =>
      db.selectFrom('carddav_book').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst(),
    findBookByUrl: (ownerId: string, url: string) =>
      db.selectFrom('carddav_book').selectAll().where('owner_id', '=', ownerId).where('url', '=', url).executeTakeFirst(),
    /** For the job, which names a book only by id. */
    findBookById: (id: string) => db.selectFrom('carddav_book').selectAll().where('id', '=', id).executeTakeFirst(),
    listBooks: (ownerId: string) =>
      db.selectFrom('carddav_book').selectAll().where('owner_id', '=', ownerId).orderBy('created_at').orderBy('id').execute(),
    /** Ids of books never synced or last synced before `before` (ms). */
    async dueBooks(before: number): Promise<string[]> {
      const rows = await db
        .selectFrom('carddav_book')
        .select('id')
        .where((eb) => eb.or([eb('last_sync_at', 'is', null), eb('last_sync_at', '<', before)]))
        .execute();
      return rows.map((r) => r.id);
    },
    async updateBook(
      id: string,
      set: Partial<
        Pick<BookRow, 'sync_token' | 'last_sync_at' | 'last_status' | 'last_error' | 'last_counts' | 'display_name' | 'updated_at'>
      >,
    ): Promise<void> {
      await db.updateTable('carddav_book').set(set).where('id', '=', id).execute();
    },
    /** Removes the book and its card states (ON DELETE CASCADE); the contacts stay. */
    async removeBook(ownerId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('carddav_book').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** How many cards each of the owner's books holds, and how many wait on a conflict. */
    async bookCounts(ownerId: string): Promise<Map<string, { cards: number; conflicts: number }>> {
      const rows = await db
        .selectFrom('carddav_card')
        .select((eb) => [
          'book_id',
          eb.fn.countAll<string | number>().as('cards'),
          eb.fn.count<string | number>('conflict').as('conflicts'),
        ])
        .where('owner_id', '=', ownerId)
        .groupBy('book_id')
        .execute();
      return new Map(rows.map((r) => [r.book_id, { cards: Number(r.cards), conflicts: Number(r.conflicts) }]));
    },

    cardsOfBook: (bookId: string) => db.selectFrom('carddav_card').selectAll().where('book_id', '=', bookId).execute(),
    findCard: (ownerId: string, id: string) =>
      db.selectFrom('carddav_card').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst(),
    /** Contact ids of the owner that some card already stands for (a new card never adopts them). */
    async syncedContactIds(ownerId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('carddav_card')
        .select('contact_id')
        .where('owner_id', '=', ownerId)
        .where('contact_id', 'is not', null)
        .execute();
      return new Set(rows.map((r) => r.contact_id!));
    },
    async upsertCard(row: CardRow): Promise<void> {
      const { id: _id, book_id: _b, href: _h, ...rest } = row;
      await db
        .insertInto('carddav_card')
        .values(row)
        .onConflict((oc) => oc.columns(['book_id', 'href']).doUpdateSet(rest))
        .execute();
    },
    async removeCard(id: string): Promise<void> {
      await db.deleteFrom('carddav_card').where('id', '=', id).execute();
    },
    /** The owner's cards waiting on a conflict, newest first. */
    conflicts: (ownerId: string) =>
      db
        .selectFrom('carddav_card')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('conflict', 'is not', null)
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .execute(),
  };
}

export type CarddavRepository = ReturnType<typeof createCarddavRepository>;
