import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { as, signup, type TestUser } from './test-app.js';

export { listenAs, type RecordingSocket } from './recording-socket.js';

/** Numbers of the document's four terminals (seed CN102664943A Fig. 1) and a stranger. */
export const PHONES = {
  1: '+4915110000001',
  2: '+4915110000002',
  3: '+4915110000003',
  4: '+4915110000004',
  5: '+4915110000005',
} as const;

/** Signs up the document's terminals 1–5 as `one` … `five`, in that order (their numbers are PHONES[1–5]). */
export async function signupTerminals(app: FastifyInstance): Promise<[TestUser, TestUser, TestUser, TestUser, TestUser]> {
  const users: TestUser[] = [];
  for (const name of ['one', 'two', 'three', 'four', 'five']) users.push(await signup(app, name));
  return users as [TestUser, TestUser, TestUser, TestUser, TestUser];
}

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

/**
 * The admin marks `users`' current numbers verified (`POST /api/admin/accounts/{username}/phone-verified`):
 * only verified numbers (or contacts' confirmations) link anyone, and these tests have no SMS gateway.
 */
export async function verifyPhones(app: FastifyInstance, admin: TestUser, ...users: TestUser[]) {
  for (const user of users) {
    const res = await as(app, admin).post(`/api/admin/accounts/${user.username}/phone-verified`);
    if (res.statusCode !== 200) throw new Error(`verifying ${user.username}'s number: ${res.statusCode} ${res.body}`);
  }
}

/** Listens on an ephemeral loopback port (once per app) and returns the base URL. */
export async function urlOf(app: FastifyInstance): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/**
 * Signs up `alice` (the admin) and `bob`, whose book holds alice's number, and verifies both numbers:
 * alice's plays reach bob (the scrobbler-compat tests' pair).
 */
export async function aliceReachesBob(app: FastifyInstance): Promise<{ alice: TestUser; bob: TestUser }> {
  const alice = await signup(app, 'alice');
  const bob = await signup(app, 'bob');
  await associate(app, alice, PHONES[1], []);
  await associate(app, bob, PHONES[2], [PHONES[1]]);
  await verifyPhones(app, alice, alice, bob);
  return { alice, bob };
}

export const md5 = (s: string) => crypto.createHash('md5').update(s, 'utf8').digest('hex');

/** Signs Last.fm parameters as https://www.last.fm/api/authspec §8 says, independently of the server's code. */
export const signLastfm = (params: Record<string, string>, secret: string) => {
  const base = Object.keys(params)
    .filter((k) => k !== 'format' && k !== 'callback')
    .sort()
    .map((k) => k + params[k])
    .join('');
  return { ...params, api_sig: md5(base + secret) };
};

/** A native play for tests. */
export const play = (title: string, artist: string, extra: Record<string, unknown> = {}) => ({
  title,
  artist,
  album: 'Test Album',
  ...extra,
});
