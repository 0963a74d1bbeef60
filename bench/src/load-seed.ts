/**
 * Seeds a `bench:load` run through the public API (the load balancer), as people would:
 * sign-ups, now-playing association (everyone's address book holds everyone: each submit reaches
 * every other user), alice's reference face and open inbox, a site key for region shares,
 * and alice's library of faceless photos (the timeline the reads page through).
 */
import { mapLimit } from './bench-harness.js';
import { facelessPhotos, multipartFile, recipientReferenceFace } from './load-photos.js';

export interface SeedUser {
  username: string;
  cookie: string;
}

export interface Seed {
  /** alice first: timeline owner and inbox recipient. */
  users: SeedUser[];
  /** Cursors of alice's timeline pages after the first (`GET /api/assets?limit=100&cursor=…`). */
  timelineCursors: string[];
  siteKey: string;
  /** The site key's origin (sent as Origin with each share). */
  siteOrigin: string;
  timelineAssets: number;
}

/** A distinct visitor address per call, for the per-IP limits of public routes (sign-up: 20 a minute). */
let visitor = 0;
export const visitorIp = () => `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor++ & 255}`;

/** `fetch` against the load balancer as `user`; throws with the answer unless the status is `expect`. */
async function call(base: string, path: string, init: RequestInit & { user?: SeedUser; expect?: number } = {}) {
  const headers = new Headers(init.headers);
  if (init.user) headers.set('cookie', init.user.cookie);
  headers.set('x-forwarded-for', visitorIp());
  const res = await fetch(`${base}${path}`, { ...init, headers });
  if (res.status !== (init.expect ?? 200)) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** Phone number of user `i` (E.164, a German mobile range; phones only link accounts here). */
const phoneOf = (i: number) => `+4915120${String(i).padStart(6, '0')}`;

export async function seed(base: string, opts: { users: number; timelineAssets: number }): Promise<Seed> {
  const names = ['alice', ...Array.from({ length: opts.users - 1 }, (_, i) => `user${String(i + 1).padStart(2, '0')}`)];
  const users: SeedUser[] = [];
  const ids: string[] = [];
  for (const username of names) {
    const res = await call(base, '/api/auth/signup', {
      method: 'POST',
      ...json({ username, password: 'load-bench-password' }),
      expect: 201,
    });
    const { account } = (await res.clone().json()) as { account: { id: string } };
    ids.push(account.id);
    users.push({
      username,
      cookie: res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    });
  }
  const [alice] = users;

  for (const [i, user] of users.entries()) {
    const contacts = users.flatMap((u, j) => (j === i ? [] : [{ name: u.username, phone: phoneOf(j) }]));
    await call(base, '/api/now-playing/association', {
      method: 'PUT',
      user,
      ...json({ self: { name: user.username, phone: phoneOf(i) }, contacts }),
    });
  }
  // Numbers link friends only once verified (docs/security.md); alice, the first account, is the admin.
  for (const u of users) await call(base, `/api/admin/accounts/${u.username}/phone-verified`, { method: 'POST', user: alice });

  const referenceFace = multipartFile('me.jpg', await recipientReferenceFace());
  await call(base, '/api/me/reference-faces', {
    method: 'POST',
    user: alice,
    body: new Uint8Array(referenceFace.body),
    headers: { 'content-type': referenceFace.contentType },
    expect: 201,
  });
  await call(base, '/api/inbox/settings', { method: 'PUT', user: alice, ...json({ policy: 'open' }) });

  const siteOrigin = 'https://blog.example';
  const keyRes = await call(base, '/api/site-keys', {
    method: 'POST',
    user: users[1],
    ...json({ name: 'load bench blog', origins: [siteOrigin], targets: ['kith'] }),
    expect: 201,
  });
  const siteKey = ((await keyRes.json()) as { siteKey: { key: string } }).siteKey.key;

  const photos = await facelessPhotos(opts.timelineAssets);
  // Four uploads in flight, one file each: what the web app does.
  await mapLimit(photos, 4, async (photo, i) => {
    const { body, contentType } = multipartFile(`library-${i}.jpg`, photo);
    await call(base, '/api/assets', { method: 'POST', user: alice, body: new Uint8Array(body), headers: { 'content-type': contentType } });
  });

  const timelineCursors: string[] = [];
  for (let cursor: string | null = null, page = 0; page < 5; page++) {
    const res = await call(base, `/api/assets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { user: alice });
    cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
    if (!cursor) break;
    timelineCursors.push(cursor);
  }
  return { users, timelineCursors, siteKey, siteOrigin, timelineAssets: photos.length };
}
