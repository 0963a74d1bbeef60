import type { Config } from '../config/config.js';
import type { NowPlayingGraphRepository } from './now-playing-graph.repository.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import { toPerson } from '../assets/assets.mapper.js';
import { normalisePhone } from '@kith/address-book';
import { errors } from '../common/errors.js';
import { maskPhone } from '../phone/phone-verification.service.js';
import type { NowPlayingConfirmationsRepository } from './now-playing-confirmations.repository.js';
import type { IdentityFanout } from './now-playing-identity-fanout.js';

export interface ConfirmationsDeps {
  repo: NowPlayingConfirmationsRepository;
  accounts: AccountsRepository;
  graph: NowPlayingGraphRepository;
  config: Config;
  hashPhone: (e164: string) => string;
  /** Pushes who gains or loses sight of plays (now-playing-identity-fanout.ts). */
  fanout: IdentityFanout;
}

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

/**
 * Confirmation by a contact (docs/security.md "Phone numbers and now playing"): the owner of an
 * address book that holds a number says "this Kith account is my contact with that number", a
 * deliberate act like a ListenBrainz follow or Signal's safety-number check. It counts only in the
 * confirming user's own checks: their mutual-link check as a sharer, and which plays reach them.
 * Never in anyone else's. It is void once the account's number changes or is evicted.
 */
export function createConfirmationsService({ repo, graph, accounts, config, hashPhone, fanout }: ConfirmationsDeps) {
  return {
    /**
     * `GET /api/now-playing/confirmations`: accounts that claim a number of my book, as
     * `{ account, phone_hint, verified, confirmed_at }` (hint: the account's number, masked).
     */
    async list(ownerId: string) {
      const rows = await repo.claimantsInBook(ownerId);
      return rows.map((r) => ({
        account: toPerson(r),
        phone_hint: r.phone ? maskPhone(r.phone) : null,
        verified: r.phone_verified_at != null,
        confirmed_at: iso(r.confirmed_at == null ? null : Number(r.confirmed_at)),
      }));
    },

    /**
     * `POST /api/now-playing/confirmations`: I confirm `accountId` as my contact with number `phone`
     * (as written in my book; read with `region` or the server's default region).
     * @throws 400 `invalid_phone`, 400 `not_in_book` (the number is not in my uploaded book),
     *         400 `cannot_confirm_self`, 404 `not_found` (no such account), 409 `number_mismatch`
     *         (that account does not claim this number), 409 `phone_verified_elsewhere` (another account
     *         verified it: that one is the contact).
     */
    async confirm(ownerId: string, input: { account_id: string; phone: string; region?: string }) {
      if (input.account_id === ownerId)
        throw errors.badRequest('cannot_confirm_self', 'You cannot confirm yourself; verify your own number instead.');
      const e164 = normalisePhone(input.phone, input.region ?? config.defaultPhoneRegion);
      if (!e164)
        throw errors.badRequest('invalid_phone', `"${input.phone}" is not a phone number we can read; include the country code (+49…).`);
      const hash = hashPhone(e164);
      if (!(await repo.bookHolds(ownerId, hash)))
        throw errors.badRequest(
          'not_in_book',
          'That number is not in your uploaded address book; upload your book first (Friends → your number and address book).',
        );
      const [target] = await accounts.findByIds([input.account_id]);
      if (!target) throw errors.notFound('account');
      const profile = await graph.findProfile(target.id);
      if (!profile || profile.phone_hash !== hash)
        throw errors.conflict('number_mismatch', `@${target.username} does not claim that number, so it cannot be your contact with it.`);
      if (await repo.verifiedByOther(hash, target.id))
        throw errors.conflict(
          'phone_verified_elsewhere',
          `Another account proved that this number is theirs, so @${target.username} cannot be your contact with it.`,
        );
      await fanout.around([ownerId, target.id], () => repo.confirm(ownerId, target.id, hash, Date.now()));
      return this.list(ownerId);
    },

    /**
     * `DELETE /api/now-playing/confirmations/{id}`: withdraw my confirmation of an account.
     * @throws 404 `not_found` when I had not confirmed it.
     */
    async unconfirm(ownerId: string, accountId: string) {
      const removed = await fanout.around([ownerId, accountId], () => repo.unconfirm(ownerId, accountId));
      if (!removed) throw errors.notFound('confirmation');
    },
  };
}

export type ConfirmationsService = ReturnType<typeof createConfirmationsService>;
