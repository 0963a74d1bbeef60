import type { Config } from '../config/config.js';
import type { NowPlayingGraphRepository } from './now-playing-graph.repository.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import { toPerson } from '../assets/assets.mapper.js';
import { normalisePhone, VCardSyntaxError } from '@kith/address-book';
import { tooManyCards, VCardLimitError, type VCardReader } from '../contacts/vcard-pool.js';
import { errors } from '../common/errors.js';
import type { NowPlayingService } from './now-playing.service.js';
import type { PhoneVerificationService } from '../phone/phone-verification.service.js';
import { phoneHash } from '../phone/phone-hash.js';

/** One address-book entry as uploaded (JSON form); a vCard file is read into the same shape. */
export interface BookEntry {
  name?: string;
  phone?: string;
  phones?: string[];
}

export interface AssociationUpload {
  self: { name: string; phone: string };
  contacts?: BookEntry[];
  vcard?: string;
  region?: string;
  require_mutual?: boolean;
}

export interface AssociationDeps {
  accounts: AccountsRepository;
  graph: NowPlayingGraphRepository;
  config: Config;
  secret: string;
  nowPlaying: NowPlayingService;
  phones: PhoneVerificationService;
  /** Reads the book (vCard or JSON) off the event loop. */
  reader: VCardReader;
}

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

/**
 * Association (seed CN102664943A claims 2–4 and 7–9, [0045]–[0048], [0067]): when the player opens,
 * the terminal uploads its own name and number and its address book. Numbers become E.164
 * (libphonenumber-js), then HMAC-SHA-256 keyed hashes with the server secret; the raw book is never
 * stored. Several accounts may claim a number; only a verified one (or one the book's owner confirmed)
 * links (docs/security.md "Phone numbers and now playing"). A re-upload replaces the old list, so
 * contacts added since join the graph.
 */
export function createAssociationService({ accounts, graph, config, secret, nowPlaying, phones, reader }: AssociationDeps) {
  const hashPhone = (e164: string) => phoneHash(secret, e164);

  async function people(ids: string[]) {
    return (await accounts.findByIds(ids)).map(toPerson).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** The association report: who I see, who sees me, sizes. */
  async function report(accountId: string, extra: { skipped?: string[] } = {}) {
    const profile = await graph.profileOrDefault(accountId);
    const [inBook, reachesMe, iReach] = await Promise.all([
      graph.accountsInBook(accountId),
      nowPlaying.friendIds(accountId),
      graph.audienceOf({ ...profile, sharing: 1, private_until: null }),
    ]);
    return {
      self: { name: profile.name, phone_registered: profile.phone_hash != null, phone_verified: profile.phone_verified_at != null },
      book: { numbers: profile.book_size, ...extra, on_kith: inBook.length },
      require_mutual: profile.require_mutual === 1,
      reaches_me: await people(reachesMe),
      i_reach: await people(iReach),
      associated_at: iso(profile.associated_at),
    };
  }

  return {
    hashPhone,
    report,

    /**
     * `PUT /api/now-playing/association`. Entries without a readable number are reported by name in
     * `book.skipped`, never stored.
     * The own number is a claim (also the account's `phone`): it links nobody until verified by SMS
     * code or an admin, or confirmed by a contact, and it never blocks the number's real owner.
     * @throws 400 `invalid_phone` (own number), 400 `invalid_vcard` with card and line, 422 `too_many_cards`
     *         (more than MAX_CARDS_PER_IMPORT cards), 503 `vcard_busy`.
     */
    async upload(accountId: string, input: AssociationUpload) {
      const region = input.region ?? config.defaultPhoneRegion;
      const own = normalisePhone(input.self.phone, region);
      if (!own)
        throw errors.badRequest(
          'invalid_phone',
          `"${input.self.phone}" is not a phone number we can read; include the country code (+49…).`,
        );
      const ownHash = hashPhone(own);

      // Parsed, normalised and hashed in the vCard worker thread, within the address-book limits.
      let book: { hashes: string[]; skipped: string[] };
      try {
        book = await reader.book({ vcard: input.vcard, contacts: input.vcard ? undefined : input.contacts, region, own, secret });
      } catch (e) {
        if (e instanceof VCardSyntaxError)
          throw errors.badRequest('invalid_vcard', `The address book is not a valid vCard file: ${e.message}`, {
            card: e.card,
            line: e.line,
          });
        if (e instanceof VCardLimitError) throw tooManyCards(e, 'the address book');
        throw e;
      }
      const hashes = new Set(book.hashes);
      const skipped = book.skipped;
      // The account's number and this one are one claim; a new number starts unverified.
      await phones.claim(accountId, own);
      await nowPlaying.changeVisibility(
        accountId,
        async () => {
          const verifiedAt = (await accounts.findById(accountId))?.phone_verified_at ?? null;
          await graph.upsertProfile(accountId, {
            name: input.self.name,
            phone_hash: ownHash,
            phone_verified_at: verifiedAt,
            book_size: hashes.size,
            associated_at: Date.now(),
            ...(input.require_mutual !== undefined ? { require_mutual: input.require_mutual ? 1 : 0 } : {}),
          });
          await graph.replaceBook(accountId, [...hashes]);
        },
        'hidden',
      );
      return report(accountId, { skipped });
    },

    /** Settings with the hidden list as people. */
    async settings(accountId: string) {
      const p = await graph.profileOrDefault(accountId);
      const now = Date.now();
      return {
        sharing: p.sharing === 1,
        require_mutual: p.require_mutual === 1,
        private_session_until: p.private_until && p.private_until > now ? iso(p.private_until) : null,
        hidden: await people(await graph.listHidden(accountId)),
      };
    },

    /**
     * `PATCH /api/now-playing/settings`: sharing, mutual links, private session, hidden-from list.
     * Whoever loses sight of the current play gets `now-playing.stopped` at once.
     * @throws 400 `unknown_account` when a hidden id is not an account.
     */
    async updateSettings(
      accountId: string,
      patch: { sharing?: boolean; require_mutual?: boolean; private_session?: boolean; private_session_minutes: number; hidden?: string[] },
    ) {
      if (patch.hidden?.length) {
        const found = await accounts.findByIds([...new Set(patch.hidden)]);
        if (found.length !== new Set(patch.hidden).size)
          throw errors.badRequest('unknown_account', 'A hidden id is not an account on this server.');
      }
      const reason = patch.hidden ? 'hidden' : 'private';
      await nowPlaying.changeVisibility(
        accountId,
        async () => {
          await graph.upsertProfile(accountId, {
            ...(patch.sharing !== undefined ? { sharing: patch.sharing ? 1 : 0 } : {}),
            ...(patch.require_mutual !== undefined ? { require_mutual: patch.require_mutual ? 1 : 0 } : {}),
            ...(patch.private_session !== undefined
              ? { private_until: patch.private_session ? Date.now() + patch.private_session_minutes * 60_000 : null }
              : {}),
          });
          if (patch.hidden)
            await graph.replaceHidden(
              accountId,
              [...new Set(patch.hidden)].filter((id) => id !== accountId),
            );
        },
        reason,
      );
      return this.settings(accountId);
    },
  };
}

export type AssociationService = ReturnType<typeof createAssociationService>;
