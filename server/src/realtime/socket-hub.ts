import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { AccountsService } from '../accounts/accounts.service.js';
import { authenticateHandshake } from '../http/auth.js';
import type { RealtimeEventName, RealtimeEvents, RealtimeHub } from './realtime-events.js';

export const SOCKET_PATH = '/api/socket.io';

const room = (accountId: string) => `account:${accountId}`;

export interface SocketHubOptions {
  /**
   * Redis URL (KITH_REDIS_URL): with it, socket.io uses `@socket.io/redis-adapter`, so an event
   * emitted on one Kith instance reaches sockets connected to any other (Redis pub/sub, no polling).
   */
  redisUrl?: string;
}

export type SocketHub = RealtimeHub & { attach(server: HttpServer, accounts: AccountsService): Promise<Server>; close(): Promise<void> };

/**
 * A {@link RealtimeHub} that buffers nothing before `attach`; the HTTP server exists
 * only after Fastify is ready, while services need the hub at wiring time.
 */
export function createSocketHub(opts: SocketHubOptions = {}): SocketHub {
  let io: Server | undefined;
  let redis: Array<{ isOpen: boolean; quit(): Promise<unknown> }> = [];
  return {
    emitToAccount<E extends RealtimeEventName>(accountId: string | string[], event: E, payload: RealtimeEvents[E]) {
      const ids = Array.isArray(accountId) ? accountId : [accountId];
      if (!io || ids.length === 0) return;
      io.to(ids.map(room)).emit(event, payload);
    },
    /**
     * Serves socket.io at `/api/socket.io`. The handshake must carry the session cookie
     * or `auth: { token }` with an API token; otherwise it is refused with `unauthorized`.
     * Each socket joins its account's room.
     * @throws the Redis client's error when KITH_REDIS_URL is set but Redis cannot be reached.
     */
    async attach(server, accounts) {
      io = new Server(server, { path: SOCKET_PATH, serveClient: false });
      if (opts.redisUrl) {
        const pub = createClient({ url: opts.redisUrl });
        const sub = pub.duplicate();
        redis = [pub, sub];
        await Promise.all([pub.connect(), sub.connect()]);
        io.adapter(createAdapter(pub, sub));
      }
      io.use((socket, next) => {
        authenticateHandshake(accounts, socket.handshake.headers.cookie, socket.handshake.auth?.token)
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
      await Promise.all(redis.map((c) => (c.isOpen ? c.quit() : undefined)));
      redis = [];
    },
  };
}
