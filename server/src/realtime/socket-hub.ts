import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AccountsService } from '../accounts/accounts.service.js';
import { authenticateHandshake } from '../http/auth.js';
import type { RealtimeEventName, RealtimeEvents, RealtimeHub } from './realtime-events.js';

export const SOCKET_PATH = '/api/socket.io';

const room = (accountId: string) => `account:${accountId}`;

/**
 * A {@link RealtimeHub} that buffers nothing before `attach`; the HTTP server exists
 * only after Fastify is ready, while services need the hub at wiring time.
 */
export function createSocketHub() {
  let io: Server | undefined;
  const hub: RealtimeHub & { attach(server: HttpServer, accounts: AccountsService): Server; close(): Promise<void> } = {
    emitToAccount<E extends RealtimeEventName>(accountId: string | string[], event: E, payload: RealtimeEvents[E]) {
      const ids = Array.isArray(accountId) ? accountId : [accountId];
      if (!io || ids.length === 0) return;
      io.to(ids.map(room)).emit(event, payload);
    },
    /**
     * Serves socket.io at `/api/socket.io`. The handshake must carry the session cookie
     * or `auth: { token }` with an API token; otherwise it is refused with `unauthorized`.
     * Each socket joins its account's room.
     */
    attach(server, accounts) {
      io = new Server(server, { path: SOCKET_PATH, serveClient: false });
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
    },
  };
  return hub;
}
