import crypto from 'node:crypto';
import { normaliseEmail, normalisePhone } from '@kith/address-book';
import type { ContactGroupsRepository } from './contact-groups.repository.js';

/** A person card of the imported file, as group members may refer to it. */
export interface FileCard {
  uid: string | null;
  /** Set when the card became a contact in this import. */
  contactId: string | null;
  /** E.164. */
  phones: string[];
  /** Lower-cased. */
  emails: string[];
}

/** A group card of the imported file. */
export interface GroupCard {
  name: string;
  uid: string | null;
  /** MEMBER / X-ADDRESSBOOKSERVER-MEMBER URIs as written. */
  members: string[];
}

/** What became of one group card. */
export interface GroupOutcome {
  groupId: string;
  /** Members found among the owner's contacts (this import's or earlier ones). */
  members: number;
  /** Member URIs that match no contact of the owner, as written. */
  missing: string[];
}

/** `urn:uuid:X`, `X` (Apple writes both) → `x`, the form UIDs are compared in (RFC 4122 §3: case-insensitive hex). */
const uidKey = (uid: string) =>
  uid
    .trim()
    .replace(/^urn:uuid:/i, '')
    .toLowerCase();

/**
 * Turns the group cards of an import into contact groups of the owner, after its contacts are written.
 * A member is matched (RFC 6350 §6.6.5 MEMBER is a URI) by:
 * - `urn:uuid:…` (or a bare UID, as Apple's X-ADDRESSBOOKSERVER-MEMBER may hold): the card of the file
 *   with that UID, then the contact made of it or, for a duplicate card, the earlier contact with its phone or e-mail;
 * - `mailto:` / `tel:`: a contact of this file or an earlier one holding that e-mail or number (E.164 in `region`).
 * A group card imported again (same UID, or same name without UID) adds to the same group.
 * @returns one outcome per group card, in order.
 */
export async function importGroups(
  repo: ContactGroupsRepository,
  ownerId: string,
  region: string,
  groups: GroupCard[],
  file: FileCard[],
): Promise<GroupOutcome[]> {
  const byUid = new Map(file.filter((c) => c.uid).map((c) => [uidKey(c.uid!), c]));
  const byKey = new Map<string, string>();
  for (const c of file)
    if (c.contactId) for (const k of [...c.phones.map((p) => `p:${p}`), ...c.emails.map((e) => `e:${e}`)]) byKey.set(k, c.contactId);

  /** The identifier keys a member URI stands for, or a contact id when the file made one. */
  const resolve = (uri: string): { id?: string; keys: string[] } => {
    const mailto = /^mailto:(.+)$/i.exec(uri.trim());
    if (mailto) {
      const e = normaliseEmail(decodeURIComponent(mailto[1]));
      return { keys: e ? [`e:${e}`] : [] };
    }
    if (/^tel:/i.test(uri.trim())) {
      const p = normalisePhone(uri, region);
      return { keys: p ? [`p:${p}`] : [] };
    }
    const card = byUid.get(uidKey(uri));
    if (!card) return { keys: [] };
    if (card.contactId) return { id: card.contactId, keys: [] };
    return { keys: [...card.phones.map((p) => `p:${p}`), ...card.emails.map((e) => `e:${e}`)] };
  };

  const resolved = groups.map((g) => g.members.map((m) => ({ uri: m, ...resolve(m) })));
  const pending = resolved.flat().flatMap((r) => (r.id ? [] : r.keys.filter((k) => !byKey.has(k))));
  const earlier = await repo.contactsByIdentifier(
    ownerId,
    pending.filter((k) => k.startsWith('p:')).map((k) => k.slice(2)),
    pending.filter((k) => k.startsWith('e:')).map((k) => k.slice(2)),
  );

  const outcomes: GroupOutcome[] = [];
  const now = Date.now();
  for (const [i, g] of groups.entries()) {
    const ids: string[] = [];
    const missing: string[] = [];
    for (const r of resolved[i]) {
      const id = r.id ?? r.keys.map((k) => byKey.get(k) ?? earlier.get(k)).find(Boolean);
      if (id) ids.push(id);
      else missing.push(r.uri);
    }
    let group = await repo.findSame(ownerId, g.uid, g.name);
    if (!group) {
      group = { id: crypto.randomUUID(), owner_id: ownerId, name: g.name, uid: g.uid, created_at: now };
      await repo.insert(group);
    }
    await repo.addMembers(group.id, ids);
    outcomes.push({ groupId: group.id, members: new Set(ids).size, missing });
  }
  return outcomes;
}
