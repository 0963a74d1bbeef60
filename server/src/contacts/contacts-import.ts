import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import { VCardSyntaxError, type ContactDraft, type Skip } from '@kith/address-book';
import type { CardRow, CardWriter } from './contact-cards.js';
import type { ContactGroupsRepository } from './contact-groups.repository.js';
import type { ContactsRepository } from './contacts.repository.js';
import { tooManyCards, VCardLimitError, type VCardReader } from './vcard-pool.js';
import { importGroups, type FileCard, type GroupCard } from './contact-groups-import.js';

export interface ImportCardResult {
  index: number;
  /** For `invalid_card`: the physical line of the problem (1-based). */
  line?: number;
  name: string | null;
  status: 'imported' | 'linked' | 'skipped' | 'group';
  code?: Skip['code'];
  reason?: string;
  contactId?: string;
  /** For a group card (status `group`): the contact group it became. */
  groupId?: string;
}

export interface ImportReport {
  imported: number;
  linked: number;
  skipped: number;
  /** Group cards, each now a contact group. */
  groups: number;
  cards: ImportCardResult[];
}

export const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
export const identifierKeys = (d: Pick<ContactDraft, 'phones' | 'emails' | 'kithAddress'>) =>
  new Set([...d.phones.map((p) => `p:${p}`), ...d.emails.map((e) => `e:${e}`), ...(d.kithAddress ? [`k:${d.kithAddress}`] : [])]);

/**
 * Duplicate rule: same name (case and spacing ignored) and either a shared phone, e-mail or
 * Kith address, or no identifier on either side. Two different people called "Alex" with
 * different numbers both stay; the same card imported twice does not. Keyed by (name, identifier),
 * so each check costs the card's own identifiers, however many cards share a name.
 */
export function createDuplicateIndex() {
  const byIdentifier = new Set<string>();
  const withoutIdentifiers = new Set<string>();
  return {
    add(name: string, ids: Set<string>) {
      if (!ids.size) withoutIdentifiers.add(nameKey(name));
      for (const i of ids) byIdentifier.add(`${nameKey(name)}\u0000${i}`);
    },
    has(name: string, ids: Set<string>) {
      if (!ids.size) return withoutIdentifiers.has(nameKey(name));
      return [...ids].some((i) => byIdentifier.has(`${nameKey(name)}\u0000${i}`));
    },
  };
}

/**
 * Imports a vCard file (2.1, 3.0 or 4.0, many cards) into an owner's contacts.
 *
 * The file is read in the vCard worker thread (`vcard-pool.ts`), never on the event loop, within
 * the limits of `contact-limits.ts`. A malformed card is skipped as `invalid_card` with its line, the
 * rest of the file still imported; a file whose structure is broken (text outside a card, a card cut
 * off) or of more than MAX_CARDS_PER_IMPORT cards imports nothing; every accepted contact is then inserted after every
 * check (`contact-cards.ts` `insert`: one transaction, or on SQLite batches undone on failure), so the answer
 * lists exactly what was committed. Cards without
 * a name, duplicates (see {@link createDuplicateIndex}), cards over a per-card limit (`over_limit`)
 * and cards whose only identifiers are unreadable phone numbers are skipped and reported. A PHOTO
 * that is not a readable image (probeImage) is left out and the card still imported, with the
 * reason. Photos go to the blob store before the transaction; a failed transaction leaves only
 * unreferenced blobs. Group cards (KIND:group, Apple's X-ADDRESSBOOKSERVER-KIND:group) become contact
 * groups with their members once the contacts are written (`contact-groups-import.ts`).
 *
 * @returns the report, and the ids of the imported contacts that got a photo.
 * @param charset the Content-Type charset, if any (`vcard-charset.ts`).
 * @throws 400 `invalid_vcard` with details `{ card, line }` (both 1-based) for a file whose structure is broken;
 *         422 `too_many_cards` with details `{ cards, limit }`; 503 `vcard_busy`.
 */
export function createContactImporter(deps: {
  repo: ContactsRepository;
  groups: ContactGroupsRepository;
  writer: CardWriter;
  config: Config;
  reader: VCardReader;
}) {
  const { repo, groups: groupsRepo, writer, config, reader } = deps;

  async function read(bytes: Uint8Array, charset: string | null) {
    try {
      return await reader.contacts(bytes, config.defaultPhoneRegion, charset);
    } catch (e) {
      if (e instanceof VCardSyntaxError)
        throw errors.badRequest('invalid_vcard', `${e.message} Nothing was imported.`, { card: e.card, line: e.line });
      if (e instanceof VCardLimitError) throw tooManyCards(e, 'the address book');
      throw e;
    }
  }

  return async function importVCard(
    ownerId: string,
    bytes: Uint8Array,
    charset: string | null = null,
  ): Promise<{ report: ImportReport; withPhoto: string[] }> {
    const cards = await read(bytes, charset);
    const duplicates = createDuplicateIndex();
    for (const c of await repo.summariesOfOwner(ownerId))
      duplicates.add(c.name, identifierKeys({ phones: JSON.parse(c.phones), emails: JSON.parse(c.emails), kithAddress: c.kith_address }));

    const results: ImportCardResult[] = [];
    const accepted: Array<{ result: ImportCardResult; made: CardRow }> = [];
    const groups: Array<{ result: ImportCardResult; card: GroupCard }> = [];
    const fileCards: FileCard[] = [];
    const now = Date.now();
    for (const [i, { index, line, name, draft, skip, uid, group }] of cards.entries()) {
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve)); // other requests between slices
      const base = { index, ...(line ? { line } : {}), name };
      if (group) {
        const result: ImportCardResult = { ...base, status: 'group' };
        results.push(result);
        groups.push({ result, card: { ...group, uid } });
        continue;
      }
      const fileCard: FileCard | null = draft ? { uid, contactId: null, phones: draft.phones, emails: draft.emails } : null;
      if (fileCard) fileCards.push(fileCard);
      if (!draft) {
        results.push({ ...base, status: 'skipped', code: skip!.code, reason: skip!.reason });
        continue;
      }
      const ids = identifierKeys(draft);
      if (duplicates.has(draft.name, ids)) {
        results.push({
          ...base,
          status: 'skipped',
          code: 'duplicate',
          reason: `Already in your contacts as "${draft.name}" with the same details.`,
        });
        continue;
      }
      duplicates.add(draft.name, ids);
      const made = await writer.rowOf(ownerId, { ...cards[i], draft }, now);
      const { row } = made;
      const result: ImportCardResult = {
        ...base,
        status: 'imported',
        contactId: row.id,
        ...(made.notes.length ? { reason: made.notes.join(' ') } : {}),
      };
      results.push(result);
      accepted.push({ result, made });
      fileCard!.contactId = row.id;
    }

    // The only write, and the last step that can fail: the report below is what it committed.
    await writer.insert(
      ownerId,
      accepted.map((a) => a.made),
      now,
    );
    for (const a of accepted) if (a.made.row.linked_account_id) a.result.status = 'linked';

    // Groups after their members exist; a failure here leaves the contacts imported and the groups out.
    if (groups.length) {
      const made = await importGroups(
        groupsRepo,
        ownerId,
        config.defaultPhoneRegion,
        groups.map((g) => g.card),
        fileCards,
      );
      made.forEach((m, i) => {
        const r = groups[i].result;
        r.groupId = m.groupId;
        r.reason = `A group of ${m.members} contact${m.members === 1 ? '' : 's'}.`;
        if (m.missing.length)
          r.reason += ` ${m.missing.length} member${m.missing.length === 1 ? ' is' : 's are'} not in your contacts (${m.missing
            .slice(0, 5)
            .map((u) => `"${u.slice(0, 80)}"`)
            .join(', ')}): import their cards, then this group again.`;
      });
    }

    const count = (s: ImportCardResult['status']) => results.filter((r) => r.status === s).length;
    return {
      report: { imported: count('imported'), linked: count('linked'), skipped: count('skipped'), groups: count('group'), cards: results },
      withPhoto: accepted.flatMap((a) => (a.made.row.photo_sha256 ? [a.made.row.id] : [])),
    };
  };
}
