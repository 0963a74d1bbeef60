/**
 * The typed Kith API client, generated from the committed `openapi.json`
 * (openapi-typescript for the types, openapi-fetch for the calls).
 *
 * ```ts
 * const kith = createKithClient({ baseUrl: 'http://localhost:2342', token });
 * const { data, error } = await kith.GET('/api/me');
 * const contacts = await kith.op.listContacts({ params: { query: { q: 'ann' } } }); // the same, by operationId
 * ```
 * `error` carries the server's `{ code, message }` on a 4xx/5xx.
 */
import createClient, { type Client, type ClientForPath } from 'openapi-fetch';
import { operations } from './operations.js';
import type { components, paths } from './schema.js';

export type { paths, components };
export { operations };
export type Schemas = components['schemas'];

type Operations = typeof operations;
/** The API's media types as openapi-fetch sees them (`type/subtype`). */
type Media = `${string}/${string}`;
/**
 * One method per operation, named by its `operationId` (`listContacts`, `getContactPhoto`, `createRegionShare`):
 * the same arguments and typed result as `client.GET(path, init)`.
 */
export type KithOperations = {
  [Id in keyof Operations]: ClientForPath<paths[Operations[Id]['path']], Media>[Uppercase<Operations[Id]['method']>];
};
export type KithClient = Client<paths> & { op: KithOperations };

/** Named methods over a client: each calls `client.request(method, path, init)` of its operation. */
export function createOperations(client: Client<paths>): KithOperations {
  const call = client.request as (method: string, path: string, init?: unknown) => Promise<unknown>;
  const named = Object.fromEntries(
    Object.entries(operations).map(([id, { method, path }]) => [id, (init?: unknown) => call(method, path, init)]),
  );
  return named as unknown as KithOperations;
}

export interface KithClientOptions {
  /** Origin of the Kith server; '' for same-origin (the web app). */
  baseUrl?: string;
  /** Personal API token (`kith_…`), sent as `Authorization: Bearer`. Omit to rely on the session cookie. */
  token?: string;
  fetch?: typeof fetch;
}

/**
 * Creates a typed client: `GET`/`POST`/… by path, and `op.<operationId>` by name. Cookies are sent for same-origin
 * use (`credentials: 'include'`).
 */
export function createKithClient(opts: KithClientOptions = {}): KithClient {
  const client = createClient<paths>({
    baseUrl: opts.baseUrl ?? '',
    credentials: 'include',
    headers: opts.token ? { authorization: `Bearer ${opts.token}` } : undefined,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  return Object.assign(client, { op: createOperations(client) });
}

/** The typed realtime events (socket.io at `/api/socket.io`). */
export type * from './realtime-events.js';

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
export * from './takeout-match.js';
export * from './takeout-sidecar.js';
