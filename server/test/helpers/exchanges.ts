import type { FastifyInstance } from 'fastify';
import { as, signup, type TestUser } from './test-app.js';
import { multipart, partyPhoto } from './photos.js';
import { urlOf } from './now-playing.js';
import { listenAs, type RecordingSocket } from './recording-socket.js';

/** Creates an exchange request as `user` and returns the 201 body (`{ exchange, invite? }`); throws on another status. */
export async function requestExchange(app: FastifyInstance, user: TestUser, body: Record<string, unknown>) {
  const res = await as(app, user).post('/api/exchanges', body);
  if (res.statusCode !== 201) throw new Error(`POST /api/exchanges ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Sends `image` as a capture to `url` (an account's or a guest's captures path), as `user` when given. */
export async function postCapture(app: FastifyInstance, url: string, image: Buffer, user?: TestUser) {
  const { payload, headers } = await multipart([{ name: 'image', filename: 'capture.jpg', data: image, type: 'image/jpeg' }]);
  return app.inject({ method: 'POST', url, payload, headers: { ...headers, ...(user ? { cookie: user.cookie } : {}) } });
}

/** A real photo of people carrying EXIF GPS (Berlin), as a phone camera writes it. */
export const gpsPhoto = (n: number) =>
  partyPhoto(n, { gps: { latitude: 52.52, longitude: 13.405 }, capturedAt: new Date('2026-06-01T18:00:00Z') });

/** The invite token of an invite URL `…/x/<token>`. */
export const tokenOf = (url: string) => url.slice(url.lastIndexOf('/x/') + 3);

/**
 * Signs up alice ("Alice A.") and bob ("Bob B."), lets anyone ask bob (policy `anyone`), and connects a
 * recording socket for each. Close the sockets in afterAll.
 */
export async function aliceAndBobListening(
  app: FastifyInstance,
): Promise<{ alice: TestUser; bob: TestUser; sa: RecordingSocket; sb: RecordingSocket }> {
  const alice = await signup(app, 'alice', { displayName: 'Alice A.' });
  const bob = await signup(app, 'bob', { displayName: 'Bob B.' });
  const policy = await as(app, bob).put('/api/exchanges/settings', { policy: 'anyone' });
  if (policy.json().policy !== 'anyone') throw new Error(`PUT /api/exchanges/settings ${policy.statusCode} ${policy.body}`);
  const url = await urlOf(app);
  const [sa, sb] = await Promise.all([listenAs(url, alice), listenAs(url, bob)]);
  return { alice, bob, sa, sb };
}
