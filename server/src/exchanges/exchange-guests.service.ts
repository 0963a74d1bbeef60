import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import type { ExchangeCore, Participant } from './exchange-core.js';
import type { ExchangeRounds } from './exchange-rounds.service.js';
import type { ExchangesRepository } from './exchanges.repository.js';
import { hashToken, newToken } from './exchanges.service.js';

/**
 * The stranger's side (seed image-exchange-and-synthesis: strangers need no registration, friend-adding or app): a guest opens
 * the invite link `/x/<token>`, gives a display name and joins. The invite token is one-time: joining
 * binds the exchange to a new 256-bit guest token (returned once, stored hashed), and the invite token
 * answers 404 from then on. The guest token reaches THIS exchange only, until `guest_until`
 * (KITH_EXCHANGE_GUEST_DOWNLOAD_HOURS after the join or the last finished round).
 * Every unknown, used, expired or foreign token answers the same 404 `not_found`.
 */
export function createExchangeGuests(deps: { config: Config; repo: ExchangesRepository; core: ExchangeCore; rounds: ExchangeRounds }) {
  const { config, repo, core, rounds } = deps;
  const gone = () => errors.notFound('exchange link');

  /** An open invite (not joined, not expired, still pending). */
  async function invite(token: string): Promise<Participant> {
    const found = await repo.findByInviteHash(hashToken(token));
    const row = found && (await core.expireIfDue(found));
    if (row?.status !== 'pending') throw gone();
    return { row, side: 'responder', guestToken: token };
  }

  /** A joined guest, within its validity. */
  async function guest(token: string): Promise<Participant> {
    const found = await repo.findByGuestHash(hashToken(token));
    if (!found || (found.guest_until ?? 0) <= Date.now()) throw gone();
    return { row: found, side: 'responder', guestToken: token };
  }

  return {
    guest,

    /** What the link shows: the invite before joining, the exchange after. @throws 404 `not_found`. */
    async view(token: string) {
      return core.guestView(await guest(token).catch(() => invite(token)));
    },

    /**
     * Joins as the guest responder (the acceptance of seed [0098], for someone without an account).
     * @returns the exchange and the guest's own token (the capability from now on). @throws 404 (also when someone joined first).
     */
    async join(token: string, displayName: string) {
      const p = await invite(token);
      const next = newToken();
      const now = Date.now();
      const bound = await repo.bindGuest(
        p.row.id,
        hashToken(token),
        { guest_name: displayName, guest_hash: next.hash, guest_until: now + config.exchangeGuestDownloadMs },
        now,
      );
      if (!bound) throw gone();
      const row = await core.announce(p.row.id);
      return { exchange: await core.guestView({ row, side: 'responder', guestToken: next.token }), guestToken: next.token };
    },

    /** Declines the invite; the requester is told at once. @throws 404. */
    async decline(token: string) {
      const p = await invite(token);
      if (!(await repo.transition(p.row.id, ['pending'], 'declined'))) throw gone();
      await repo.touch(p.row.id, { invite_hash: null });
      return core.guestView({ ...p, row: await core.announce(p.row.id) });
    },

    /** The guest ends the exchange. @throws 404, 409 `exchange_not_open`. */
    async end(token: string) {
      const p = await guest(token);
      if (!(await repo.transition(p.row.id, ['active'], 'ended'))) throw errors.conflict('exchange_not_open', 'The exchange is over.');
      return core.guestView({ ...p, row: await core.announce(p.row.id) });
    },

    /** The guest reports the requester's abuse to the admins (before or after joining). @throws 404. */
    async report(token: string, reason: string): Promise<void> {
      await core.report(await guest(token).catch(() => invite(token)), null, reason);
    },

    /**
     * The guest's image for the current round; `read` gives the upload's bytes after the token is checked.
     * Same rules and errors as the account side (exchange-rounds.service.ts `capture`). @throws 404 first.
     */
    async capture(token: string, read: () => Promise<Buffer>) {
      const p = await guest(token);
      return core.guestView(await rounds.capture(p, await read()));
    },
    /** Starts the next round. @throws 404, 409 `exchange_not_active`/`round_in_progress`. */
    async nextRound(token: string) {
      return core.guestView(await rounds.nextRound(await guest(token)));
    },
    /** Reacts to finished round `n`. @throws 404, 409 `round_not_done`. */
    async react(token: string, n: number, emoji: string) {
      return core.guestView(await rounds.react(await guest(token), n, emoji));
    },
    /** An image of round `n` the guest may see, as JPEG bytes. @throws 404 `not_found`. */
    async image(token: string, n: number, which: 'requester' | 'responder' | 'result') {
      return rounds.image(await guest(token), n, which);
    },

    /** The exchange a guest socket may listen to (room `exchange:<id>`), or undefined. */
    async roomOf(token: string): Promise<string | undefined> {
      return guest(token).then(
        (p) => p.row.id,
        () => undefined,
      );
    },
  };
}

export type ExchangeGuests = ReturnType<typeof createExchangeGuests>;
