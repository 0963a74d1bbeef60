import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { FastifyBaseLogger } from 'fastify';
import { authenticateHandshake, type Authenticator } from '../common/credentials.js';
import { crossOriginRefused, type OriginPolicy } from '../common/origin-policy.js';
import type { RealtimeEventName, RealtimeEvents, RealtimeHub } from './realtime-events.js';

export const SOCKET_PATH = '/api/socket.io';

/** socket.io room of an account's sockets; a worker's emitter (`redis-emitter-hub.ts`) targets the same names. */
export const room = (accountId: string) => `account:${accountId}`;
/** socket.io room of an exchange's guest sockets. */
export const guestRoom = (exchangeId: string) => `exchange:${exchangeId}`;

export interface SocketHubOptions {
  /**
   * Redis URL (KITH_REDIS_URL): with it, socket.io uses `@socket.io/redis-adapter`, so an event
   * emitted on one Kith instance reaches sockets connected to any other (Redis pub/sub, no polling).
   */
  redisUrl?: string;
  /** Where losing and regaining Redis is reported (once each); silent without. */
  log?: Pick<FastifyBaseLogger, 'warn' | 'info'>;
}

// What the hub needs of a node-redis client (its full generic type depends on the options given).
type Redis = Pick<ReturnType<typeof createClient>, 'connect' | 'quit' | 'destroy' | 'isOpen' | 'isReady'>;

/**
 * A Redis client of the adapter that survives Redis going away (Redis down: realtime degrades and
 * reconnects). At start-up Redis must answer within a few attempts, so a wrong KITH_REDIS_URL stops the
 * boot with the client's error; once connected, the client retries for ever (50 ms doubling to 2 s, plus
 * jitter) and re-subscribes by itself. Its 'error' events are handled (an EventEmitter without a listener
 * would crash the process) and logged once per outage.
 * The publisher has no offline queue: while Redis is away, an event for other instances is dropped at once
 * (this instance's own sockets still get it) instead of piling up in memory and flooding stale events later.
 */
function adapterClient(url: string, role: 'publish' | 'subscribe', log?: SocketHubOptions['log']): Redis {
  let connectedOnce = false;
  let down = false;
  const client = createClient({
    url,
    disableOfflineQueue: role === 'publish',
    socket: {
      reconnectStrategy: (retries: number, cause: Error) =>
        !connectedOnce && retries >= 3 ? cause : Math.min(2 ** retries * 50, 2000) + Math.floor(Math.random() * 200),
    },
  });
  client.on('error', (err: Error) => {
    if (!connectedOnce || down) return;
    down = true;
    log?.warn({ role, cause: err.message }, 'Redis connection lost: realtime events no longer reach other instances; reconnecting');
  });
  client.on('ready', () => {
    connectedOnce = true;
    if (down) log?.info({ role }, 'Redis connection back: realtime events reach other instances again');
    down = false;
  });
  if (role === 'publish') {
    // The adapter publishes without awaiting: a rejected publish would be an unhandled rejection.
    const publish = client.publish.bind(client);
    (client as { publish: unknown }).publish = (channel: string, message: string | Buffer) => {
      try {
        return publish(channel, message).catch(() => 0);
      } catch {
        return Promise.resolve(0);
      }
    };
  }
  return client as Redis & typeof client;
}

/** Resolves a guest's capability token (exchanges) to its exchange id; undefined when unknown or expired. */
export type GuestResolver = (guestToken: string) => Promise<string | undefined>;

export type SocketHub = RealtimeHub & {
  attach(server: HttpServer, accounts: Authenticator, guests?: GuestResolver, origins?: OriginPolicy): Promise<Server>;
  close(): Promise<void>;
};

/**
 * A {@link RealtimeHub} that buffers nothing before `attach`; the HTTP server exists
 * only after Fastify is ready, while services need the hub at wiring time.
 */
export function createSocketHub(opts: SocketHubOptions = {}): SocketHub {
  let io: Server | undefined;
  let redis: Redis[] = [];
  // Room sets of frozen recipient lists (now playing's cached audiences). `io.to(list)` builds and
  // hashes a new Set of `account:<id>` names on every call, ~30 µs for 1,000 friends on each play;
  // a frozen array cannot change, so its set is built once and goes with the array (WeakMap).
  const frozenRooms = new WeakMap<readonly string[], Set<string>>();
  const roomsOf = (ids: readonly string[]) => {
    if (!Object.isFrozen(ids)) return new Set(ids.map(room));
    let rooms = frozenRooms.get(ids);
    if (!rooms) frozenRooms.set(ids, (rooms = new Set(ids.map(room))));
    return rooms;
  };
  const noRooms = new Set<string>();
  return {
    emitToAccount<E extends RealtimeEventName>(accountId: string | readonly string[], event: E, payload: RealtimeEvents[E]) {
      const ids = typeof accountId === 'string' ? [accountId] : accountId;
      if (!io || ids.length === 0) return;
      // What `io.to(rooms).emit(event, payload)` does, minus copying the room set: one packet, encoded
      // once by the adapter (in-memory, or Redis to the other instances), written to each socket once.
      // EVENT = 2 in the Socket.IO protocol (v5); the adapter fills in the namespace.
      io.of('/').adapter.broadcast({ type: 2, data: [event, payload], nsp: '/' }, { rooms: roomsOf(ids), except: noRooms, flags: {} });
    },
    emitToExchangeGuest(exchangeId, event, payload) {
      io?.to(guestRoom(exchangeId)).emit(event, payload);
    },
    /**
     * Serves socket.io at `/api/socket.io`. The handshake must carry the session cookie
     * or `auth: { token }` with an API token; otherwise it is refused with `unauthorized`.
     * Each socket joins its account's room. A guest of an exchange (a stranger without an account)
     * connects with `auth: { guestToken }` instead and joins only `exchange:<id>` of that exchange;
     * clients cannot join rooms themselves, so a guest hears nothing else.
     * A handshake that would authenticate by the session cookie must come from an allowed origin
     * (`origins`, docs/security.md "Cross-site requests"): WebSockets are not bound by CORS, so without this
     * any page the user visits could open a socket with their cookie and read their events. It is refused
     * with the connect error `cross_origin_refused` (`err.data` carries the message).
     * @throws the Redis client's error when KITH_REDIS_URL is set but Redis cannot be reached at start-up
     * (later outages only degrade realtime to this instance's sockets until Redis is back; see adapterClient).
     */
    async attach(server, accounts, guests, origins) {
      io = new Server(server, { path: SOCKET_PATH, serveClient: false });
      if (opts.redisUrl) {
        const pub = adapterClient(opts.redisUrl, 'publish', opts.log);
        const sub = adapterClient(opts.redisUrl, 'subscribe', opts.log);
        redis = [pub, sub];
        try {
          await Promise.all([pub.connect(), sub.connect()]);
        } catch (e) {
          for (const c of redis) if (c.isOpen) c.destroy();
          redis = [];
          throw e;
        }
        io.adapter(createAdapter(pub, sub));
      }
      io.use((socket, next) => {
        const guestToken: unknown = socket.handshake.auth?.guestToken;
        if (typeof guestToken === 'string' && guestToken) {
          if (!guests) return next(new Error('unauthorized'));
          guests(guestToken)
            .then((exchangeId) => {
              if (!exchangeId) return next(new Error('unauthorized'));
              socket.data.guestOf = exchangeId;
              void socket.join(guestRoom(exchangeId));
              next();
            })
            .catch((err: Error) => next(err));
          return;
        }
        const token: unknown = socket.handshake.auth?.token;
        const refusal =
          typeof token === 'string' && token
            ? undefined
            : origins?.refusal(socket.handshake.headers, socket.handshake.secure ? 'https' : 'http');
        if (refusal) {
          const refused = crossOriginRefused(refusal, origins!);
          return next(Object.assign(new Error(refused.code), { data: { code: refused.code, message: refused.message } }));
        }
        authenticateHandshake(accounts, socket.handshake.headers.cookie, token)
          .then((principal) => {
            if (!principal) return next(new Error('unauthorized'));
            socket.data.principal = principal;
            void socket.join(room(principal.accountId));
            next();
          })
          .catch((err: Error) => next(err));
      });
      return io;
    },
    async close() {
      if (io) await io.close();
      // A client still reconnecting has nothing to flush: destroy it rather than wait for Redis.
      await Promise.all(redis.map((c) => (c.isReady ? c.quit() : c.isOpen ? c.destroy() : undefined)));
      redis = [];
    },
  };
}
