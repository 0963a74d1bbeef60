/**
 * Exchanges (seed image-exchange-and-synthesis): instant photo exchange or group-photo synthesis
 * between two people. The account side (session) and the guest side (the link's token in the
 * path is the capability) return the same round shape, so one room UI serves both. Typed SDK
 * calls; captures are multipart through {@link request} (the document has no body schema for them).
 */
import type { Schemas } from '@kith/sdk';
import { kith, request, unwrap } from './client';

export type Exchange = Schemas['Exchange'];
export type ExchangeRound = Schemas['ExchangeRound'];
/** What a stranger's link shows: the exchange from the responder's side, plus who invites. */
export type GuestExchange = Schemas['GuestExchange'];
export type ExchangeInvite = Schemas['ExchangeInvite'];
export type ExchangePolicy = Schemas['ExchangePolicy'];
export type ExchangeMode = Exchange['mode'];
export type ExchangeStatus = Exchange['status'];
export type ExchangeRole = Exchange['role'];
export type NewExchange = { mode: ExchangeMode } & ({ to: string } | { contactId: string } | { invite: true });

/** The fixed reaction set of the API. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '🎉'] as const;
export type Reaction = (typeof REACTIONS)[number];

const id = (exchangeId: string) => ({ params: { path: { id: exchangeId } } });
const tok = (token: string) => ({ params: { path: { token } } });
const imageForm = (image: Blob) => {
  const form = new FormData();
  form.append('image', image, image instanceof File ? image.name : 'capture.jpg');
  return form;
};

/** Which image of a round: each side's capture, or the composite. */
export type ExchangeImageKind = 'requester' | 'responder' | 'result';
export type ExchangeSaveResult = Schemas['ExchangeSaveResult'];

export const exchangesApi = {
  /** Mine in both roles, incoming pending requests first. */
  list: async (): Promise<Exchange[]> => (await unwrap(kith.GET('/api/exchanges'))).exchanges,
  get: async (exchangeId: string): Promise<Exchange> => (await unwrap(kith.GET('/api/exchanges/{id}', id(exchangeId)))).exchange,
  /**
   * Asks a Kith user (username, user@host, linked contact) or makes an invite link (`invite` in the answer).
   * Errors: unknown_user, exchange_not_allowed, exchange_blocked, remote_user_unsupported, rate_limited.
   */
  create: async (input: NewExchange): Promise<Exchange & { invite?: ExchangeInvite }> => {
    const { exchange, invite } = await unwrap(kith.POST('/api/exchanges', { body: input }));
    return { ...exchange, invite };
  },
  act: async (exchangeId: string, action: 'accept' | 'decline' | 'end' | 'block'): Promise<void> => {
    await unwrap(kith.POST(`/api/exchanges/{id}/${action}`, id(exchangeId)));
  },
  report: async (exchangeId: string, reason: string): Promise<void> => {
    await unwrap(kith.POST('/api/exchanges/{id}/report', { ...id(exchangeId), body: { reason } }));
  },
  capture: async (exchangeId: string, image: Blob): Promise<void> => {
    await request('POST', `/api/exchanges/${encodeURIComponent(exchangeId)}/captures`, imageForm(image));
  },
  nextRound: async (exchangeId: string): Promise<void> => {
    await unwrap(kith.POST('/api/exchanges/{id}/rounds', id(exchangeId)));
  },
  react: async (exchangeId: string, n: number, emoji: Reaction): Promise<void> => {
    await unwrap(kith.POST('/api/exchanges/{id}/rounds/{n}/reactions', { params: { path: { id: exchangeId, n } }, body: { emoji } }));
  },
  /**
   * Saves one image of a round into my library (album "Exchanges"), once; an image I sent from a
   * library photo files that photo (`original`) instead of a copy.
   */
  save: (exchangeId: string, n: number, which: ExchangeImageKind): Promise<ExchangeSaveResult> =>
    unwrap(kith.POST('/api/exchanges/{id}/rounds/{n}/{which}/save', { params: { path: { id: exchangeId, n, which } } })),
  settings: (): Promise<{ policy: ExchangePolicy }> => unwrap(kith.GET('/api/exchanges/settings')),
  setPolicy: (policy: ExchangePolicy): Promise<{ policy: ExchangePolicy }> =>
    unwrap(kith.PUT('/api/exchanges/settings', { body: { policy } })),
};

/** The stranger's side: every call carries the link's token; a bad, used or expired one answers 404 `not_found`. */
export const guestExchangesApi = {
  get: async (token: string): Promise<GuestExchange> => (await unwrap(kith.GET('/api/guest/exchanges/{token}', tok(token)))).exchange,
  /** Accepts under `displayName`. @returns the guest's own token: the invite token is one-time and answers 404 afterwards. */
  join: async (token: string, displayName: string): Promise<string> =>
    (await unwrap(kith.POST('/api/guest/exchanges/{token}/join', { ...tok(token), body: { displayName } }))).guestToken,
  decline: async (token: string): Promise<void> => {
    await unwrap(kith.POST('/api/guest/exchanges/{token}/decline', tok(token)));
  },
  end: async (token: string): Promise<void> => {
    await unwrap(kith.POST('/api/guest/exchanges/{token}/end', tok(token)));
  },
  report: async (token: string, reason: string): Promise<void> => {
    await unwrap(kith.POST('/api/guest/exchanges/{token}/report', { ...tok(token), body: { reason } }));
  },
  capture: async (token: string, image: Blob): Promise<void> => {
    await request('POST', `/api/guest/exchanges/${encodeURIComponent(token)}/captures`, imageForm(image));
  },
  nextRound: async (token: string): Promise<void> => {
    await unwrap(kith.POST('/api/guest/exchanges/{token}/rounds', tok(token)));
  },
  react: async (token: string, n: number, emoji: Reaction): Promise<void> => {
    await unwrap(kith.POST('/api/guest/exchanges/{token}/rounds/{n}/reactions', { params: { path: { token, n } }, body: { emoji } }));
  },
};
