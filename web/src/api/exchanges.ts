/**
 * Exchanges (issue 5, seed CN103369031A): instant photo exchange or group-photo synthesis
 * between two people. The account side (session) and the guest side (the invite token in the
 * path is the capability) share one {@link ExchangeView} shape, so one room UI serves both.
 * Shapes follow CONTRACT-5 ("Exchange JSON shape"); calls go through {@link request}.
 */
import { request } from './client';

export type ExchangeMode = 'exchange' | 'synthesis';
export type ExchangeStatus = 'pending' | 'active' | 'declined' | 'expired' | 'blocked' | 'ended';
export type ExchangeRole = 'requester' | 'responder';
export type RoundPhase = 'waiting' | 'composing' | 'done' | 'failed';
export type ExchangePolicy = 'anyone' | 'contacts' | 'nobody';
/** The fixed reaction set of the API. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '🎉'] as const;

export interface ExchangeRound {
  n: number;
  phase: RoundPhase;
  requesterCaptured: boolean;
  responderCaptured: boolean;
  resultMode: 'exchange' | 'synthesis' | 'diptych' | null;
  /** e.g. "no person found: side-by-side instead". */
  note: string | null;
  /** Image URLs (JPEG), present only once the viewer may see them. */
  images: { requester?: string; responder?: string; result?: string };
  reactions: Array<{ by: ExchangeRole; emoji: string }>;
}

export interface ExchangePartner {
  kind: 'account' | 'guest';
  username?: string | null;
  displayName: string;
}

/** One exchange as a participant sees it. */
export interface Exchange {
  id: string;
  mode: ExchangeMode;
  status: ExchangeStatus;
  role: ExchangeRole;
  partner: ExchangePartner;
  expiresAt: string;
  createdAt: string;
  rounds: ExchangeRound[];
}

export interface ExchangeInvite {
  /** `<public url>/x/<token>` */
  url: string;
  expiresAt: string;
  /** An SVG document of the link's QR code. */
  qrSvg: string;
}

/** What a stranger's link shows (GET /api/guest/exchanges/{token}): the exchange from the responder's side. */
export interface GuestExchange extends Exchange {
  requester: { displayName: string; username: string };
  /** The guest's own name once joined. */
  displayName: string | null;
  joined: boolean;
  /** ISO 8601: the guest link and its downloads work until then. */
  downloadsUntil: string | null;
}

export interface NewExchange {
  mode: ExchangeMode;
  /** username or user@host */
  to?: string;
  contactId?: string;
  invite?: boolean;
}

const ex = (id: string) => `/api/exchanges/${encodeURIComponent(id)}`;
const guest = (token: string) => `/api/guest/exchanges/${encodeURIComponent(token)}`;
const imageForm = (file: Blob) => {
  const form = new FormData();
  form.append('image', file, file instanceof File ? file.name : 'capture.jpg');
  return form;
};
/** Answers are either the object itself or `{ exchange }`; both are accepted. */
const unwrapExchange = <T>(body: T | { exchange: T }): T =>
  body && typeof body === 'object' && 'exchange' in body ? (body as { exchange: T }).exchange : (body as T);

export const exchangesApi = {
  list: async (): Promise<Exchange[]> => {
    const body = await request<Exchange[] | { exchanges: Exchange[] }>('GET', '/api/exchanges');
    return Array.isArray(body) ? body : body.exchanges;
  },
  get: async (id: string): Promise<Exchange> => unwrapExchange(await request<Exchange | { exchange: Exchange }>('GET', ex(id))),
  /** 201 with `invite` when `invite: true`. Errors: unknown_user, exchange_not_allowed, exchange_blocked, remote_user_unsupported. */
  create: async (input: NewExchange): Promise<Exchange & { invite?: ExchangeInvite }> => {
    const body = await request<(Exchange & { invite?: ExchangeInvite }) | { exchange: Exchange; invite?: ExchangeInvite }>(
      'POST',
      '/api/exchanges',
      input,
    );
    return 'exchange' in body ? { ...body.exchange, invite: body.invite } : body;
  },
  act: async (id: string, action: 'accept' | 'decline' | 'end' | 'block'): Promise<void> => {
    await request('POST', `${ex(id)}/${action}`, {});
  },
  report: async (id: string, reason: string): Promise<void> => {
    await request('POST', `${ex(id)}/report`, { reason });
  },
  capture: async (id: string, image: Blob): Promise<void> => {
    await request('POST', `${ex(id)}/captures`, imageForm(image));
  },
  nextRound: async (id: string): Promise<void> => {
    await request('POST', `${ex(id)}/rounds`, {});
  },
  react: async (id: string, n: number, emoji: string): Promise<void> => {
    await request('POST', `${ex(id)}/rounds/${n}/reactions`, { emoji });
  },
  settings: (): Promise<{ policy: ExchangePolicy }> => request('GET', '/api/exchanges/settings'),
  setPolicy: (policy: ExchangePolicy): Promise<{ policy: ExchangePolicy }> => request('PUT', '/api/exchanges/settings', { policy }),
};

/** The stranger's side: every call carries the invite token; 404 `not_found` for a bad or expired one. */
export const guestExchangesApi = {
  get: async (token: string): Promise<GuestExchange> =>
    unwrapExchange(await request<GuestExchange | { exchange: GuestExchange }>('GET', guest(token))),
  /** Accepts under `displayName`. @returns the guest's own token: the invite token is one-time and answers 404 afterwards. */
  join: async (token: string, displayName: string): Promise<string> =>
    (await request<{ guestToken: string }>('POST', `${guest(token)}/join`, { displayName })).guestToken,
  decline: async (token: string): Promise<void> => {
    await request('POST', `${guest(token)}/decline`, {});
  },
  capture: async (token: string, image: Blob): Promise<void> => {
    await request('POST', `${guest(token)}/captures`, imageForm(image));
  },
  nextRound: async (token: string): Promise<void> => {
    await request('POST', `${guest(token)}/rounds`, {});
  },
  react: async (token: string, n: number, emoji: string): Promise<void> => {
    await request('POST', `${guest(token)}/rounds/${n}/reactions`, { emoji });
  },
};
