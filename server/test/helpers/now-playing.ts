import { io as connect, type Socket } from 'socket.io-client';
import type { FastifyInstance } from 'fastify';
import { as, type TestUser } from './test-app.js';

/** Numbers of the document's four terminals (seed CN102664943A Fig. 1) and a stranger. */
export const PHONES = {
  1: '+4915110000001',
  2: '+4915110000002',
  3: '+4915110000003',
  4: '+4915110000004',
  5: '+4915110000005',
} as const;

/** Uploads `user`'s own number and a JSON address book of `book` numbers. */
export async function associate(app: FastifyInstance, user: TestUser, phone: string, book: string[], extra: Record<string, unknown> = {}) {
  const res = await as(app, user).put('/api/now-playing/association', {
    self: { name: user.username, phone },
    contacts: book.map((p, i) => ({ name: `Contact ${i + 1}`, phone: p })),
    ...extra,
  });
  if (res.statusCode !== 200) throw new Error(`association of ${user.username}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A socket.io client of `user` that records every event it receives, in order. */
export interface RecordingSocket {
  socket: Socket;
  events: Array<{ name: string; payload: any }>;
  /** Resolves with the first recorded (or future) event matching; never a timed assertion, the test timeout bounds it. */
  next(name: string, match?: (payload: any) => boolean): Promise<any>;
  close(): void;
}

export async function listenAs(url: string, user: TestUser | { token: string }): Promise<RecordingSocket> {
  const socket = connect(url, {
    path: '/api/socket.io',
    transports: ['websocket'],
    ...('cookie' in user ? { extraHeaders: { cookie: user.cookie } } : { auth: { token: user.token } }),
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
      if (i >= 0) {
        seen = i + 1;
        return Promise.resolve(events[i].payload);
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

/** Listens on an ephemeral loopback port (once per app) and returns the base URL. */
export async function urlOf(app: FastifyInstance): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/** A native play for tests. */
export const play = (title: string, artist: string, extra: Record<string, unknown> = {}) => ({
  title,
  artist,
  album: 'Test Album',
  ...extra,
});
