import type { FastifyInstance } from 'fastify';
import { as, type TestUser } from './test-app.js';
import { multipart, partyPhoto } from './photos.js';

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
