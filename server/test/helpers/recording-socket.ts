/**
 * A socket.io client that records every event it receives, for the now-playing integration tests
 * and the e2e tests (kept free of server imports so a test process outside the app can load it).
 */
import { io as connect, type Socket } from 'socket.io-client';

/** A socket.io client of `user` that records every event it receives, in order. */
export interface RecordingSocket {
  socket: Socket;
  events: Array<{ name: string; payload: any }>;
  /** Resolves with the first recorded (or future) event matching; never a timed assertion, the test timeout bounds it. */
  next(name: string, match?: (payload: any) => boolean): Promise<any>;
  close(): void;
}

/**
 * Connects as `user` (session cookie, API token, or an exchange guest's token) and records from the
 * handshake on; `next` consumes in order.
 */
export async function listenAs(
  url: string,
  user: { cookie: string } | { token: string } | { guestToken: string },
): Promise<RecordingSocket> {
  const socket = connect(url, {
    path: '/api/socket.io',
    transports: ['websocket'],
    ...('cookie' in user ? { extraHeaders: { cookie: user.cookie } } : { auth: user }),
  });
  const events: Array<{ name: string; payload: any }> = [];
  const waiters: Array<{ name: string; match: (p: any) => boolean; resolve: (p: any) => void }> = [];
  socket.onAny((name: string, payload: any) => {
    events.push({ name, payload });
    for (const w of [...waiters])
      if (w.name === name && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
  });
  await new Promise<void>((resolve, reject) => (socket.on('connect', resolve), socket.on('connect_error', reject)));
  let seen = 0;
  return {
    socket,
    events,
    next(name, match = () => true) {
      // Consume in order: an event already recorded after the last one returned counts.
      const i = events.findIndex((e, idx) => idx >= seen && e.name === name && match(e.payload));
      const found = events[i];
      if (found) {
        seen = i + 1;
        return Promise.resolve(found.payload);
      }
      return new Promise((resolve) =>
        waiters.push({
          name,
          match,
          resolve: (p) => {
            seen = events.length;
            resolve(p);
          },
        }),
      );
    },
    close: () => socket.close(),
  };
}
