import { keyedHash } from '../config/server-secret.js';

/**
 * How an E.164 number is stored in now-playing profiles and uploaded books: HMAC-SHA-256 keyed with the
 * server secret (domain `phone`), hex. The phone identity owns it, so the claim and its profile copy agree.
 */
export const phoneHash = (secret: string, e164: string) => keyedHash(secret, 'phone', e164);
