import crypto from 'node:crypto';
import QRCode from 'qrcode';
import type { Principal } from '../common/principal.js';
import type { Config } from '../config/config.js';
import { iso } from '../common/time.js';
import { errors } from '../common/errors.js';
import type { ExchangeCore, Participant } from './exchange-core.js';
import type { ExchangeAccess } from './exchange.access.js';
import type { ExchangeRounds } from './exchange-rounds.service.js';
import type { ExchangePolicy, ExchangeRow, ExchangesRepository } from './exchanges.repository.js';
import { toExchangeDto } from './exchanges.mapper.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';

export interface ExchangeRequest {
  mode: 'exchange' | 'synthesis';
  to?: string;
  contactId?: string;
  invite?: boolean;
}

export interface ExchangesServiceDeps {
  config: Config;
  repo: ExchangesRepository;
  core: ExchangeCore;
  /** The one exchange access check (exchange.access.ts). */
  access: ExchangeAccess;
  rounds: ExchangeRounds;
  realtime: RealtimeHub;
  /** Arms the expiry of a pending request (real-time "expired" to the requester). */
  scheduleExpiry: (id: string, at: number) => void;
}

/** A 256-bit link token (base64url, 43 chars) and its SHA-256 hex, the only form stored. */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * The image-sharing relationship management platform of the image-exchange-and-synthesis seed (step 101, [0083]–[0098]):
 * a requester asks a responder (a Kith account, or a stranger through a one-time invite link) to set
 * up an exchange or a synthesis exchange. Permission is verified first (the responder's block list,
 * then policy), then the responder accepts or declines explicitly; unanswered requests expire.
 * Authorisation is the first step of every method: only the two sides reach an exchange.
 */
export function createExchangesService(deps: ExchangesServiceDeps) {
  const { config, repo, core, rounds } = deps;
  const participant = deps.access.requireExchange;
  const localHost = new URL(config.publicUrl).host.toLowerCase();

  /** `username`, `user@<this host>` or a linked contact → the responding account. */
  async function responderOf(principal: Principal, input: ExchangeRequest) {
    if (input.contactId) {
      const c = await repo.contactAccount(principal.accountId, input.contactId);
      if (!c) throw errors.notFound('contact');
      if (!c.linked_account_id)
        throw errors.unprocessable('contact_not_on_kith', 'This contact has no Kith account here; send them an invite link instead.');
      return c.linked_account_id;
    }
    let name = input.to!.trim().toLowerCase().replace(/^@/, '');
    const at = name.lastIndexOf('@');
    if (at >= 0) {
      const host = name.slice(at + 1);
      if (host !== localHost)
        throw errors.unprocessable(
          'remote_user_unsupported',
          `${input.to} is on another server (${host}); exchanges reach accounts of this server only: send them an invite link.`,
          { host },
        );
      name = name.slice(0, at);
    }
    const account = await repo.accountByUsername(name);
    if (!account) throw errors.unknown('unknown_user', `There is no Kith user "${name}" here; check the name or send an invite link.`);
    return account.id;
  }

  /** Permission verification (seed [0097]–[0098]). @throws 403 `exchange_blocked`, 403 `exchange_not_allowed`. */
  async function verifyPermission(requesterId: string, responderId: string) {
    if (await repo.isBlocked(responderId, requesterId))
      throw errors.forbidden('exchange_blocked', 'This person does not take exchange requests from you.');
    const policy = await repo.policyOf(responderId);
    const allowed = policy === 'anyone' || (policy === 'contacts' && (await repo.hasContactLinkedTo(responderId, requesterId)));
    if (!allowed)
      throw errors.forbidden(
        'exchange_not_allowed',
        policy === 'nobody'
          ? 'This person takes no exchange requests.'
          : 'This person takes exchange requests from their contacts only; ask them to add you.',
      );
  }

  /** Moves the caller's exchange to `to` from one of `from`, tells both sides. @throws 409 `exchange_not_open`. */
  async function move(p: Participant, from: ExchangeRow['status'][], to: ExchangeRow['status']) {
    if (!(await repo.transition(p.row.id, from, to)))
      throw errors.conflict('exchange_not_open', `The exchange is ${(await core.load(p.row.id)).status}; it cannot become ${to}.`);
    return { ...p, row: await core.announce(p.row.id) };
  }

  return {
    /** One of the caller's exchanges, as the caller sees it. @throws 404 `not_found`. */
    async get(principal: Principal, id: string) {
      return core.view(await participant(principal, id));
    },

    /** @returns the caller's policy (`contacts` until set). */
    policy: async (principal: Principal) => ({ policy: await repo.policyOf(principal.accountId) }),
    async setPolicy(principal: Principal, policy: ExchangePolicy) {
      await repo.setPolicy(principal.accountId, policy);
      return { policy };
    },

    /**
     * Asks for an exchange: to an account (`to`: username or `user@host`; or `contactId`), or makes a one-time
     * invite link for a stranger (`invite: true`; token of 256 random bits, stored as SHA-256; expires with the
     * request after KITH_EXCHANGE_REQUEST_MINUTES, default 10). The responder hears `exchange.requested`.
     * @returns the exchange, and for an invite `{ url, expiresAt, qrSvg }` (the QR code as an SVG document).
     * @throws 404 `unknown_user`/`not_found` (contact), 403 `exchange_blocked`/`exchange_not_allowed`,
     *   422 `remote_user_unsupported`, `contact_not_on_kith`, `cannot_exchange_with_self`.
     */
    async create(principal: Principal, input: ExchangeRequest) {
      const responderId = input.invite ? null : await responderOf(principal, input);
      if (responderId === principal.accountId)
        throw errors.unprocessable('cannot_exchange_with_self', 'Ask someone else: an exchange takes two people.');
      if (responderId) await verifyPermission(principal.accountId, responderId);
      const invite = input.invite ? newToken() : undefined;
      const now = Date.now();
      const row: ExchangeRow = {
        id: crypto.randomUUID(),
        mode: input.mode,
        requester_id: principal.accountId,
        responder_id: responderId,
        guest_name: null,
        invite_hash: invite?.hash ?? null,
        guest_hash: null,
        guest_until: null,
        status: 'pending',
        current_round: 1,
        expires_at: now + config.exchangeRequestMs,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row, rounds.freshRound(row.id, 1, row.mode));
      deps.scheduleExpiry(row.id, row.expires_at);
      if (responderId) {
        const exchange = toExchangeDto(await core.parts(row), 'responder', `/api/exchanges/${row.id}`);
        deps.realtime.emitToAccount(responderId, 'exchange.requested', { exchange });
      }
      const url = invite ? `${config.publicUrl}/x/${invite.token}` : undefined;
      return {
        exchange: await core.view({ row, side: 'requester' }),
        invite:
          url === undefined
            ? undefined
            : {
                url,
                expiresAt: iso(row.expires_at),
                qrSvg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
              },
      };
    },

    /** The caller's exchanges in both roles (200 at most): incoming pending requests first, then most recent. */
    async list(principal: Principal) {
      const rows = await Promise.all((await repo.listFor(principal.accountId, 200)).map((r) => core.expireIfDue(r)));
      const incoming = (r: ExchangeRow) => (r.status === 'pending' && r.responder_id === principal.accountId ? 0 : 1);
      rows.sort((a, b) => incoming(a) - incoming(b) || b.updated_at - a.updated_at);
      if (!rows.length) return [];
      return (await core.partsOf(rows)).map((parts) =>
        toExchangeDto(parts, parts.row.requester_id === principal.accountId ? 'requester' : 'responder', `/api/exchanges/${parts.row.id}`),
      );
    },

    /** The responder accepts (explicit consent, seed [0098]). @throws 404, 409 `exchange_not_open` (expired, declined…). */
    async accept(principal: Principal, id: string) {
      const p = await participant(principal, id);
      if (p.side !== 'responder') throw errors.forbidden('not_responder', 'Only the person asked can accept.');
      return move(p, ['pending'], 'active');
    },
    /** The responder declines; the requester is told at once. @throws 404, 409 `exchange_not_open`. */
    async decline(principal: Principal, id: string) {
      const p = await participant(principal, id);
      if (p.side !== 'responder') throw errors.forbidden('not_responder', 'Only the person asked can decline; end it instead.');
      return move(p, ['pending'], 'declined');
    },
    /** Either side ends the relationship (or the requester withdraws a pending request). @throws 404, 409. */
    async end(principal: Principal, id: string) {
      return move(await participant(principal, id), ['pending', 'active'], 'ended');
    },
    /** Blocks the other account from asking again (403 `exchange_blocked`) and closes the exchange. @throws 404. */
    async block(principal: Principal, id: string) {
      const p = await participant(principal, id);
      const other = p.side === 'requester' ? p.row.responder_id : p.row.requester_id;
      if (other) await repo.block(principal.accountId, other);
      if (p.row.status === 'pending' || p.row.status === 'active') return move(p, ['pending', 'active'], 'blocked');
      return p;
    },
    /** Stores an abuse report for the admins (`exchange_report`). @throws 404. */
    async report(principal: Principal, id: string, reason: string): Promise<void> {
      const p = await participant(principal, id);
      await core.report(p, principal.accountId, reason);
    },

    /**
     * Sends the caller's image for the current round (exchange-rounds.service.ts `capture`). `read` gives
     * the upload's bytes; it is called after the access check, so a stranger's body is never read.
     * @throws 404 `not_found`, 409 `exchange_not_active`/`already_captured`, 413/415/422 for the image.
     */
    async capture(principal: Principal, id: string, read: () => Promise<Buffer>) {
      const p = await participant(principal, id);
      return core.view(await rounds.capture(p, await read()));
    },
    /** Starts the next round. @throws 404 `not_found`, 409 `exchange_not_active`/`round_in_progress`. */
    async nextRound(principal: Principal, id: string) {
      return core.view(await rounds.nextRound(await participant(principal, id)));
    },
    /** Reacts to finished round `n`. @throws 404 `not_found` (exchange or round), 409 `round_not_done`. */
    async react(principal: Principal, id: string, n: number, emoji: string) {
      const p = await participant(principal, id);
      return core.view(await rounds.react(p, n, emoji));
    },
    /** An image of round `n` the caller may see, as JPEG bytes. @throws 404 `not_found`. */
    async image(principal: Principal, id: string, n: number, which: 'requester' | 'responder' | 'result') {
      const p = await participant(principal, id);
      return rounds.image(p, n, which);
    },
    /** Saves an image of round `n` into the caller's library (exchange-library.ts). @throws 404 `not_found`. */
    async saveImage(principal: Principal, id: string, n: number, which: 'requester' | 'responder' | 'result') {
      const p = await participant(principal, id);
      return rounds.saveImage(p, principal, n, which);
    },

    /** The abuse reports (newest first, 200 at most), for the server admin. @throws 403 `admin_only`. */
    async reports(principal: Principal) {
      if (!(await repo.isAdmin(principal.accountId))) throw errors.forbidden('admin_only', 'Only the server admin reads abuse reports.');
      return (await repo.listReports(200)).map((r) => ({
        id: r.id,
        exchangeId: r.exchange_id,
        reporter: r.reporter,
        reported: r.reported,
        reason: r.reason,
        createdAt: iso(r.created_at),
      }));
    },
  };
}

export type ExchangesService = ReturnType<typeof createExchangesService>;
