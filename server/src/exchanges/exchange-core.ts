import crypto from 'node:crypto';
import type { RealtimeEventName, RealtimeEvents, RealtimeExchangeUpdate, RealtimeHub } from '../realtime/realtime-events.js';
import { errors } from '../common/errors.js';
import type { ExchangeRow, ExchangesRepository } from './exchanges.repository.js';
import { toExchangeDto, toGuestExchangeDto, type ExchangeParts, type Side } from './exchanges.mapper.js';

/** One side of one exchange, as a request reached it: an account, or the guest through its token. */
export interface Participant {
  row: ExchangeRow;
  side: Side;
  /** Set for the guest: its token, the base of its URLs. */
  guestToken?: string;
}

/**
 * What the account, round and guest services share: loading an exchange (a pending request past its
 * expiry turns `expired` on the spot, whoever looks first), building views, and telling both sides
 * of a change over socket.io (accounts in `account:<id>`, the guest in `exchange:<id>`).
 */
export function createExchangeCore(deps: { repo: ExchangesRepository; realtime: RealtimeHub; onExpired?: (id: string) => void }) {
  const { repo, realtime } = deps;

  /** The payload of `exchange.updated` for the exchange's current round. */
  async function updateOf(row: ExchangeRow): Promise<RealtimeExchangeUpdate> {
    const r = await repo.round(row.id, row.current_round);
    return {
      exchangeId: row.id,
      status: row.status,
      round: row.current_round,
      phase: r?.phase ?? 'waiting',
      requesterCaptured: Boolean(r?.requester_sha),
      responderCaptured: Boolean(r?.responder_sha),
      resultMode: r?.result_mode ?? row.mode,
      note: r?.note ?? null,
    };
  }

  const core = {
    /** Sends an event to both sides of an exchange. */
    tellBoth<E extends RealtimeEventName>(row: ExchangeRow, event: E, payload: RealtimeEvents[E]) {
      realtime.emitToAccount(row.responder_id ? [row.requester_id, row.responder_id] : [row.requester_id], event, payload);
      if (!row.responder_id) realtime.emitToExchangeGuest(row.id, event, payload);
    },

    /** Reloads the exchange and tells both sides its state (`exchange.updated`). @returns the fresh row. */
    async announce(id: string): Promise<ExchangeRow> {
      const row = await repo.findById(id);
      if (!row) throw errors.notFound('exchange');
      core.tellBoth(row, 'exchange.updated', await updateOf(row));
      return row;
    },

    /** Expires a pending request whose time is up and tells both sides; a no-op otherwise (idempotent, race-safe). */
    async expireIfDue(row: ExchangeRow): Promise<ExchangeRow> {
      if (row.status !== 'pending' || row.expires_at > Date.now()) return row;
      if (await repo.transition(row.id, ['pending'], 'expired')) {
        deps.onExpired?.(row.id);
        return core.announce(row.id);
      }
      return (await repo.findById(row.id)) ?? row;
    },

    /** The exchange by id, expired first when its time is up. @throws 404 `not_found`. */
    async load(id: string): Promise<ExchangeRow> {
      const row = await repo.findById(id);
      if (!row) throw errors.notFound('exchange');
      return core.expireIfDue(row);
    },

    /** Rows the views of several exchanges are built from: three queries for any number of exchanges. */
    async partsOf(rows: ExchangeRow[]): Promise<ExchangeParts[]> {
      const ids = rows.map((r) => r.id);
      const [rounds, reactions, people] = await Promise.all([
        repo.roundsOf(ids),
        repo.reactionsOf(ids),
        repo.accountsByIds([...new Set(rows.flatMap((r) => (r.responder_id ? [r.requester_id, r.responder_id] : [r.requester_id])))]),
      ]);
      const person = (id: string | null) => {
        const a = people.find((p) => p.id === id);
        return a && { username: a.username, displayName: a.display_name };
      };
      return rows.map((row) => ({
        row,
        rounds: rounds.filter((r) => r.exchange_id === row.id),
        reactions: reactions.filter((r) => r.exchange_id === row.id),
        requester: person(row.requester_id)!,
        responder: person(row.responder_id),
      }));
    },
    /** Rows one exchange's view is built from. */
    parts: async (row: ExchangeRow): Promise<ExchangeParts> => (await core.partsOf([row]))[0],

    /** An account participant's view (`Exchange`). */
    async view(p: Participant) {
      return toExchangeDto(await core.parts(p.row), p.side, `/api/exchanges/${p.row.id}`);
    },
    /** The guest's view (`GuestExchange`), its URLs under its token. */
    async guestView(p: Participant) {
      return toGuestExchangeDto(await core.parts(p.row), p.guestToken!);
    },

    /** Files an abuse report by one side about the other, for the admins (`reporterId` null: the guest). */
    async report(p: Participant, reporterId: string | null, reason: string): Promise<void> {
      await repo.report({
        id: crypto.randomUUID(),
        exchange_id: p.row.id,
        reporter_id: reporterId,
        reported_id: p.side === 'requester' ? p.row.responder_id : p.row.requester_id,
        reason,
        created_at: Date.now(),
      });
    },

    /** @throws 409 `exchange_not_active` unless the exchange is accepted and not ended, declined, expired or blocked. */
    requireActive(row: ExchangeRow) {
      if (row.status !== 'active')
        throw errors.conflict(
          'exchange_not_active',
          row.status === 'pending' ? 'The exchange has not been accepted yet.' : `The exchange is ${row.status}; start a new one.`,
        );
    },
  };
  return core;
}

export type ExchangeCore = ReturnType<typeof createExchangeCore>;
