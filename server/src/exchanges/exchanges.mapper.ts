import type { z } from 'zod';
import { iso, isoOrNull } from '../common/time.js';
import type { ExchangeRow, ReactionRow, RoundRow } from './exchanges.repository.js';
import type { exchangeSchema, guestExchangeSchema } from './exchanges.schema.js';

export type ExchangeDto = z.infer<typeof exchangeSchema>;
export type GuestExchangeDto = z.infer<typeof guestExchangeSchema>;
export type Side = 'requester' | 'responder';

/** An account as the exchange shows it. */
export interface PersonRef {
  username: string;
  displayName: string;
}

/** Everything one exchange's view is built from (rows already loaded). */
export interface ExchangeParts {
  row: ExchangeRow;
  rounds: RoundRow[];
  reactions: ReactionRow[];
  requester: PersonRef;
  /** The responding account; undefined for a guest. */
  responder?: PersonRef;
}

/**
 * The image paths `viewer` may fetch in one round: its own capture; the partner's only once both
 * are in (when both images are in, each side receives the other's image); the composite once made.
 */
export function visibleImages(round: RoundRow, viewer: Side): Array<'requester' | 'responder' | 'result'> {
  const both = Boolean(round.requester_sha && round.responder_sha);
  const out: Array<'requester' | 'responder' | 'result'> = [];
  for (const s of ['requester', 'responder'] as const) if (round[`${s}_sha`] && (s === viewer || both)) out.push(s);
  if (round.result_sha) out.push('result');
  return out;
}

/**
 * An exchange as `viewer` sees it. `base` is the path its image URLs start with:
 * `/api/exchanges/{id}` for accounts, `/api/guest/exchanges/{token}` for a guest.
 */
export function toExchangeDto(p: ExchangeParts, viewer: Side, base: string): ExchangeDto {
  const { row } = p;
  const partner =
    viewer === 'responder'
      ? { kind: 'account' as const, username: p.requester.username, displayName: p.requester.displayName }
      : p.responder
        ? { kind: 'account' as const, username: p.responder.username, displayName: p.responder.displayName }
        : { kind: 'guest' as const, username: null, displayName: row.guest_name ?? 'Invited guest' };
  return {
    id: row.id,
    mode: row.mode,
    status: row.status,
    role: viewer,
    partner,
    expiresAt: iso(row.expires_at),
    createdAt: iso(row.created_at),
    rounds: p.rounds.map((r) => ({
      n: r.n,
      phase: r.phase,
      requesterCaptured: r.requester_sha !== null,
      responderCaptured: r.responder_sha !== null,
      resultMode: r.result_mode,
      note: r.note,
      images: Object.fromEntries(visibleImages(r, viewer).map((w) => [w, `${base}/rounds/${r.n}/${w}`])),
      reactions: p.reactions.filter((x) => x.n === r.n).map((x) => ({ by: x.by, emoji: x.emoji })),
    })),
  };
}

/** The guest's view (the responder's side) of an exchange reached through a link token. */
export function toGuestExchangeDto(p: ExchangeParts, token: string): GuestExchangeDto {
  return {
    ...toExchangeDto(p, 'responder', `/api/guest/exchanges/${token}`),
    requester: p.requester,
    displayName: p.row.guest_name,
    joined: p.row.guest_hash !== null,
    downloadsUntil: isoOrNull(p.row.guest_until),
  };
}
