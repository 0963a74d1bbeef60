import type { Db } from '../db/database.js';
import { chunked } from '../db/chunks.js';
import type { ContactLinkQuestionTable } from '../db/schema.js';

/** A pending question as the Contacts screen shows it. */
export interface LinkQuestionView {
  contact_id: string;
  contact_name: string;
  account_id: string;
  username: string;
  display_name: string;
  matched_on: 'email' | 'phone';
  created_at: number;
}

/** One contact's wanted pending questions: the accounts its unverified identifiers match. */
export interface QuestionsOfContact {
  contactId: string;
  ownerId: string;
  ask: Array<{ accountId: string; matchedOn: 'email' | 'phone' }>;
}

/** All SQL of `contact_link_question` (migration 0011). Every read is scoped by owner or by contact ids. */
export function createLinkQuestionsRepository(db: Db) {
  return {
    /** The owner's answers (`yes`/`no`) for these contacts, by contact id then account id. */
    async answersFor(contactIds: string[]): Promise<Map<string, Map<string, 'yes' | 'no'>>> {
      const out = new Map<string, Map<string, 'yes' | 'no'>>();
      for (const part of chunked(contactIds)) {
        const rows = await db
          .selectFrom('contact_link_question')
          .select(['contact_id', 'account_id', 'state'])
          .where('contact_id', 'in', part)
          .where('state', '!=', 'pending')
          .execute();
        for (const r of rows) {
          const m = out.get(r.contact_id) ?? new Map<string, 'yes' | 'no'>();
          m.set(r.account_id, r.state as 'yes' | 'no');
          out.set(r.contact_id, m);
        }
      }
      return out;
    },

    /**
     * Makes the pending questions of each contact exactly `ask`: stale pending ones go, new ones are
     * added; answered pairs (`yes`/`no`) are never touched, so a No is never asked again.
     */
    async sync(contacts: QuestionsOfContact[], now: number): Promise<void> {
      if (!contacts.length) return;
      const existing = new Map<string, ContactLinkQuestionTable['state']>();
      for (const part of chunked(contacts.map((c) => c.contactId))) {
        const rows = await db
          .selectFrom('contact_link_question')
          .select(['contact_id', 'account_id', 'state'])
          .where('contact_id', 'in', part)
          .execute();
        for (const r of rows) existing.set(`${r.contact_id} ${r.account_id}`, r.state);
      }
      const inserts: ContactLinkQuestionTable[] = [];
      for (const c of contacts) {
        const wanted = new Set(c.ask.map((a) => a.accountId));
        const stale = [...existing.entries()]
          .filter(
            ([key, state]) => state === 'pending' && key.startsWith(`${c.contactId} `) && !wanted.has(key.slice(c.contactId.length + 1)),
          )
          .map(([key]) => key.slice(c.contactId.length + 1));
        for (const part of chunked(stale))
          await db
            .deleteFrom('contact_link_question')
            .where('contact_id', '=', c.contactId)
            .where('account_id', 'in', part)
            .where('state', '=', 'pending')
            .execute();
        for (const a of c.ask)
          if (!existing.has(`${c.contactId} ${a.accountId}`))
            inserts.push({
              contact_id: c.contactId,
              account_id: a.accountId,
              owner_id: c.ownerId,
              matched_on: a.matchedOn,
              state: 'pending',
              created_at: now,
              answered_at: null,
            });
      }
      for (const part of chunked(inserts, 200)) await db.insertInto('contact_link_question').values(part).execute();
    },

    /** The owner's pending questions, oldest first, with the contact's name and the account's names. */
    listPending: (ownerId: string): Promise<LinkQuestionView[]> =>
      db
        .selectFrom('contact_link_question as q')
        .innerJoin('contact as c', 'c.id', 'q.contact_id')
        .innerJoin('account as a', 'a.id', 'q.account_id')
        .where('q.owner_id', '=', ownerId)
        .where('q.state', '=', 'pending')
        .select(['q.contact_id', 'c.name as contact_name', 'q.account_id', 'a.username', 'a.display_name', 'q.matched_on', 'q.created_at'])
        .orderBy('q.created_at')
        .orderBy('q.contact_id')
        .execute() as Promise<LinkQuestionView[]>,

    /** Records the owner's answer to a pending question; false when there is no such pending question of theirs. */
    async answer(ownerId: string, contactId: string, accountId: string, answer: 'yes' | 'no', now: number): Promise<boolean> {
      const r = await db
        .updateTable('contact_link_question')
        .set({ state: answer, answered_at: now })
        .where('owner_id', '=', ownerId)
        .where('contact_id', '=', contactId)
        .where('account_id', '=', accountId)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

export type LinkQuestionsRepository = ReturnType<typeof createLinkQuestionsRepository>;
