import { kithAddressOf } from '../accounts/accounts.mapper.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import type { ContactsRepository, LinkCandidate } from './contacts.repository.js';

/** What a contact is matched on. */
export interface LinkKeys {
  ownerId: string;
  /** E.164. */
  phones: string[];
  /** Lower-cased. */
  emails: string[];
  kithAddress: string | null;
}

const byOldest = (a: LinkCandidate, b: LinkCandidate) => a.created_at - b.created_at || a.id.localeCompare(b.id);

/**
 * Links contacts to local accounts. A contact links to the account whose Kith address
 * (`username@<host of publicUrl>`), e-mail (lower-cased) or phone (E.164) it holds, in that
 * order of precedence (the most explicit identifier wins), oldest account first on a tie,
 * and never to its own owner. Links are recomputed from both sides: when contacts are
 * written, and when an account signs up or changes its phone or e-mail.
 */
export function createContactLinker(repo: ContactsRepository, publicUrl: string) {
  const localHost = new URL(publicUrl).host.toLowerCase();
  const localUsername = (address: string | null) => {
    if (!address) return null;
    const at = address.lastIndexOf('@');
    return address.slice(at + 1) === localHost ? address.slice(0, at) : null;
  };

  /** The account id each contact links to (or null), in input order; one query for the whole batch. */
  async function resolve(items: LinkKeys[]): Promise<Array<string | null>> {
    const usernames = items.map((i) => localUsername(i.kithAddress)).filter((u): u is string => !!u);
    const accounts = (
      await repo.accountsMatching(
        [...new Set(items.flatMap((i) => i.phones))],
        [...new Set(items.flatMap((i) => i.emails))],
        [...new Set(usernames)],
      )
    ).sort(byOldest);
    return items.map((item) => {
      const others = accounts.filter((a) => a.id !== item.ownerId);
      const username = localUsername(item.kithAddress);
      const match =
        (username ? others.find((a) => a.username === username) : undefined) ??
        others.find((a) => a.email !== null && item.emails.includes(a.email)) ??
        others.find((a) => a.phone !== null && item.phones.includes(a.phone));
      return match?.id ?? null;
    });
  }

  return {
    resolve,

    /**
     * Recomputes the links of every contact, of any owner, that matches `account` now or was
     * linked to it before. Wired as the accounts service's `onAccountCreated` (sign-up and PATCH /api/me).
     */
    async relinkAccount(account: AccountRow): Promise<void> {
      const rows = await repo.contactsToRelink({
        id: account.id,
        phone: account.phone,
        email: account.email,
        kithAddress: kithAddressOf(account.username, publicUrl).toLowerCase(),
      });
      if (!rows.length) return;
      const links = await resolve(
        rows.map((r) => ({ ownerId: r.owner_id, phones: JSON.parse(r.phones), emails: JSON.parse(r.emails), kithAddress: r.kith_address })),
      );
      const changes = rows.flatMap((r, i) => (links[i] !== r.linked_account_id ? [{ id: r.id, accountId: links[i] }] : []));
      if (changes.length) await repo.setLinks(changes, Date.now());
    },
  };
}

export type ContactLinker = ReturnType<typeof createContactLinker>;
