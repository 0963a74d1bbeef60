/**
 * The typed Kith API client, generated from the committed `openapi.json`
 * (openapi-typescript for the types, openapi-fetch for the calls).
 *
 * ```ts
 * const kith = createKithClient({ baseUrl: 'http://localhost:2342', token });
 * const { data, error } = await kith.GET('/api/me');
 * ```
 * `error` carries the server's `{ code, message }` on a 4xx/5xx.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { paths, components };
export type Schemas = components['schemas'];
export type KithClient = Client<paths>;

export interface KithClientOptions {
  /** Origin of the Kith server; '' for same-origin (the web app). */
  baseUrl?: string;
  /** Personal API token (`kith_…`), sent as `Authorization: Bearer`. Omit to rely on the session cookie. */
  token?: string;
  fetch?: typeof fetch;
}

/** Creates a typed client. Cookies are sent for same-origin use (`credentials: 'include'`). */
export function createKithClient(opts: KithClientOptions = {}): KithClient {
  return createClient<paths>({
    baseUrl: opts.baseUrl ?? '',
    credentials: 'include',
    headers: opts.token ? { authorization: `Bearer ${opts.token}` } : undefined,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}

/** The typed realtime events (socket.io at `/api/socket.io`). */
export type { RealtimeEvents, RealtimeEventName } from '../../server/src/realtime/realtime-events.js';

/** The album inbox's XML data packet (seed CN103369031A [0063]–[0067]): builder and hardened parser. */
export {
  buildInboxPacketXml,
  parseInboxPacketXml,
  decodeXmlRefs,
  InboxPacketError,
  type BuildInboxPacketInput,
  type InboxPacketErrorCode,
  type InboxPacketLimits,
  type ParsedPacket,
  type ParsedPacketPicture,
} from './inbox-packet.js';
