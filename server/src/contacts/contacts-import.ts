import crypto from 'node:crypto';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { probeImage } from '../assets/image-probe.js';
import { AppError, errors } from '../http/errors.js';
import { cardToDraft, draftColumns, type ContactDraft, type Skip } from './contact-fields.js';
import type { ContactLinker } from './contact-links.js';
import { createLinkQuestionsRepository } from './link-questions.repository.js';
import { createContactsRepository, type ContactRow } from './contacts.repository.js';
import { parseVCardFile } from './vcard-parse.js';
import { VCardSyntaxError } from './vcard-read.js';

export interface ImportCardResult {
  index: number;
  name: string | null;
  status: 'imported' | 'linked' | 'skipped';
  code?: Skip['code'];
  reason?: string;
  contactId?: string;
}

export interface ImportReport {
  imported: number;
  linked: number;
  skipped: number;
  cards: ImportCardResult[];
}

const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
const identifierKeys = (d: Pick<ContactDraft, 'phones' | 'emails' | 'kithAddress'>) =>
  new Set([...d.phones.map((p) => `p:${p}`), ...d.emails.map((e) => `e:${e}`), ...(d.kithAddress ? [`k:${d.kithAddress}`] : [])]);

/**
 * Duplicate rule: same name (case and spacing ignored) and either a shared phone, e-mail or
 * Kith address, or no identifier on either side. Two different people called "Alex" with
 * different numbers both stay; the same card imported twice does not.
 */
function createDuplicateIndex() {
  const byName = new Map<string, Array<Set<string>>>();
  return {
    add(name: string, ids: Set<string>) {
      byName.set(nameKey(name), [...(byName.get(nameKey(name)) ?? []), ids]);
    },
    has(name: string, ids: Set<string>) {
      return (byName.get(nameKey(name)) ?? []).some((known) => (ids.size === 0 && known.size === 0) || [...ids].some((i) => known.has(i)));
    },
  };
}

/**
 * Imports a vCard file (2.1, 3.0 or 4.0, many cards) into an owner's contacts.
 *
 * All-or-nothing: the whole file is parsed first, so a malformed card imports nothing;
 * the contacts are then inserted in one transaction. Cards without a name, duplicates
 * (see {@link createDuplicateIndex}) and cards whose only identifiers are unreadable phone
 * numbers are skipped and reported. A PHOTO that is not a readable image (probeImage) is
 * left out and the card still imported, with the reason. Photos go to the blob store
 * before the transaction; a failed transaction leaves only unreferenced blobs.
 *
 * @throws 400 `invalid_vcard` with details `{ card, line }` (both 1-based) for a malformed file.
 */
export function createContactImporter(deps: { db: Db; config: Config; blobs: BlobStore; linker: ContactLinker }) {
  const { db, config, blobs, linker } = deps;

  async function storePhoto(data: Buffer): Promise<{ sha256: string; mime: string }> {
    const { mime } = await probeImage(data, config.maxImagePixels);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    await blobs.putBuffer(data, sha256);
    return { sha256, mime };
  }

  return async function importVCard(ownerId: string, text: string): Promise<ImportReport> {
    let cards;
    try {
      cards = parseVCardFile(text);
    } catch (e) {
      if (e instanceof VCardSyntaxError)
        throw errors.badRequest('invalid_vcard', `${e.message} Nothing was imported.`, { card: e.card, line: e.line });
      throw e;
    }
    const repo = createContactsRepository(db);
    const duplicates = createDuplicateIndex();
    for (const c of await repo.summariesOfOwner(ownerId))
      duplicates.add(c.name, identifierKeys({ phones: JSON.parse(c.phones), emails: JSON.parse(c.emails), kithAddress: c.kith_address }));

    const results: ImportCardResult[] = [];
    const accepted: Array<{ result: ImportCardResult; row: ContactRow; draft: ContactDraft }> = [];
    const now = Date.now();
    for (const card of cards) {
      const { draft, skip, notes } = cardToDraft(card, config.defaultPhoneRegion);
      const base = { index: card.index, name: card.name };
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
      let photo: { sha256: string; mime: string } | null = null;
      if (card.photo) {
        try {
          photo = await storePhoto(card.photo);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          notes.push(`The photo was left out: ${e.message}`);
        }
      } else if (card.photoUri) notes.push('The photo is a link, which Kith does not download; the contact has no photo.');
      const row: ContactRow = {
        id: crypto.randomUUID(),
        owner_id: ownerId,
        ...draftColumns(draft),
        photo_sha256: photo?.sha256 ?? null,
        photo_mime: photo?.mime ?? null,
        linked_account_id: null,
        created_at: now,
        updated_at: now,
      };
      const result: ImportCardResult = {
        ...base,
        status: 'imported',
        contactId: row.id,
        ...(notes.length ? { reason: notes.join(' ') } : {}),
      };
      results.push(result);
      accepted.push({ result, row, draft });
    }

    const links = await linker.resolve(accepted.map(({ draft }) => ({ ownerId, ...draft })));
    accepted.forEach((a, i) => {
      a.row.linked_account_id = links[i].accountId;
      if (links[i].accountId) a.result.status = 'linked';
    });
    if (accepted.length)
      await db.transaction().execute(async (trx) => {
        await createContactsRepository(trx).insertMany(accepted.map((a) => a.row));
        // Matches on unproven addresses become questions to the owner (contact-links.ts).
        await createLinkQuestionsRepository(trx).sync(
          accepted.map((a, i) => ({ contactId: a.row.id, ownerId, ask: links[i].ask })),
          now,
        );
      });

    const count = (s: ImportCardResult['status']) => results.filter((r) => r.status === s).length;
    return { imported: count('imported'), linked: count('linked'), skipped: count('skipped'), cards: results };
  };
}
