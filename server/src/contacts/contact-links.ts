import { kithAddressOf } from '../accounts/accounts.mapper.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import type { ContactsRepository, LinkCandidate } from './contacts.repository.js';
import type { LinkQuestionsRepository, QuestionsOfContact } from './link-questions.repository.js';

/** What a contact is matched on. */
export interface LinkKeys {
  ownerId: string;
  /** The contact's id once it exists (its owner's earlier Yes/No answers apply); absent for a new contact. */
  contactId?: string;
  /** E.164. */
  phones: string[];
  /** Lower-cased. */
  emails: string[];
  kithAddress: string | null;
}

/** Where a contact links, and the candidate links its owner must be asked about first. */
export interface LinkResolution {
  accountId: string | null;
  ask: QuestionsOfContact['ask'];
}

const byOldest = (a: LinkCandidate, b: LinkCandidate) => a.created_at - b.created_at || a.id.localeCompare(b.id);

/**
 * Links contacts to local accounts, acting only on identities someone vouched for (docs/security.md,
 * "E-mail addresses and contact links"). A contact links, in this order of precedence, to the account
 *  1. whose Kith address (`username@<host of publicUrl>`) the owner typed or imported into the contact;
 *  2. whose e-mail (lower-cased) or phone (E.164) the contact holds AND the account proved
 *     (`email_verified_at` / `phone_verified_at` set), e-mail before phone;
 *  3. whose unproven e-mail or phone the contact holds, once the owner answered Yes to "Is Dad @mallory?".
 * Oldest account first on a tie; never its own owner; never an account the owner answered No about
 * (unless the owner typed its Kith address). A match on an unproven identifier alone links nothing: it becomes a
 * pending question (`contact_link_question`) while the contact is unlinked. Links are recomputed from both
 * sides: when contacts are written, and when an account signs up, changes or verifies its phone or e-mail.
 */
export function createContactLinker(repo: ContactsRepository, questions: LinkQuestionsRepository, publicUrl: string) {
  const localHost = new URL(publicUrl).host.toLowerCase();
  const localUsername = (address: string | null) => {
    if (!address) return null;
    const at = address.lastIndexOf('@');
    return address.slice(at + 1) === localHost ? address.slice(0, at) : null;
  };

  /** Each contact's link and questions, in input order; two queries for the whole batch. */
  async function resolve(items: LinkKeys[]): Promise<LinkResolution[]> {
    const usernames = items.map((i) => localUsername(i.kithAddress)).filter((u): u is string => !!u);
    const accounts = (
      await repo.accountsMatching(
        [...new Set(items.flatMap((i) => i.phones))],
        [...new Set(items.flatMap((i) => i.emails))],
        [...new Set(usernames)],
      )
    ).sort(byOldest);
    const answers = await questions.answersFor(items.flatMap((i) => (i.contactId ? [i.contactId] : [])));
    const out: LinkResolution[] = [];
    for (const [i, item] of items.entries()) {
      // An import resolves 20,000 contacts at once: other requests run between slices of 500.
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      out.push(linkOf(item));
    }
    return out;

    function linkOf(item: LinkKeys): LinkResolution {
      const said = (item.contactId && answers.get(item.contactId)) || new Map<string, 'yes' | 'no'>();
      const others = accounts.filter((a) => a.id !== item.ownerId);
      const username = localUsername(item.kithAddress);
      const typed = username ? others.find((a) => a.username === username) : undefined;
      if (typed) return { accountId: typed.id, ask: [] };
      const candidates = others.filter((a) => said.get(a.id) !== 'no');
      const byEmail = candidates.filter((a) => a.email !== null && item.emails.includes(a.email));
      const byPhone = candidates.filter((a) => a.phone !== null && item.phones.includes(a.phone));
      const match =
        byEmail.find((a) => a.email_verified_at !== null) ??
        byPhone.find((a) => a.phone_verified_at !== null) ??
        [...byEmail, ...byPhone].find((a) => said.get(a.id) === 'yes');
      if (match) return { accountId: match.id, ask: [] };
      const ask = new Map<string, 'email' | 'phone'>();
      for (const a of byEmail) ask.set(a.id, 'email');
      for (const a of byPhone) if (!ask.has(a.id)) ask.set(a.id, 'phone');
      return { accountId: null, ask: [...ask].map(([accountId, matchedOn]) => ({ accountId, matchedOn })) };
    }
  }

  /** Recomputes links and pending questions of existing contact rows; writes only what changed. */
  async function relinkRows(
    rows: Array<{
      id: string;
      owner_id: string;
      phones: string;
      emails: string;
      kith_address: string | null;
      linked_account_id: string | null;
    }>,
  ): Promise<void> {
    if (!rows.length) return;
    const links = await resolve(
      rows.map((r) => ({
        ownerId: r.owner_id,
        contactId: r.id,
        phones: JSON.parse(r.phones),
        emails: JSON.parse(r.emails),
        kithAddress: r.kith_address,
      })),
    );
    const now = Date.now();
    const changes = rows.flatMap((r, i) =>
      links[i].accountId !== r.linked_account_id ? [{ id: r.id, accountId: links[i].accountId }] : [],
    );
    if (changes.length) await repo.setLinks(changes, now);
    await questions.sync(
      rows.map((r, i) => ({ contactId: r.id, ownerId: r.owner_id, ask: links[i].ask })),
      now,
    );
  }

  return {
    resolve,
    relinkRows,

    /**
     * Recomputes the links (and pending questions) of every contact, of any owner, that matches `account` now
     * or was linked to it before. Run on the domain events `account.created`, `email.changed`,
     * `email.verified` and `phone.changed` (app/subscriptions.ts).
     */
    async relinkAccount(account: AccountRow): Promise<void> {
      await relinkRows(
        await repo.contactsToRelink({
          id: account.id,
          phone: account.phone,
          email: account.email,
          kithAddress: kithAddressOf(account.username, publicUrl).toLowerCase(),
        }),
      );
    },
  };
}

export type ContactLinker = ReturnType<typeof createContactLinker>;
