/**
 * Now-playing set-up over the HTTP API of a running Kith (sign-up, association, scrobbler token),
 * for the e2e tests that drive real players (their recording socket is server/test/helpers/recording-socket.ts).
 */
export interface ApiUser {
  username: string;
  cookie: string;
  /** The account id (known when signed up through {@link apiSignup}). */
  id?: string;
}

/** Signs up `username` (password `password123`) on `url`. */
export async function apiSignup(url: string, username: string, displayName = username): Promise<ApiUser> {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'password123', displayName }),
  });
  if (res.status !== 201) throw new Error(`signup ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { account } = (await res.json()) as { account: { id: string } };
  return { username, cookie, id: account.id };
}

/** Logs `username` (password `password123`) in again: a fresh session cookie. */
export async function apiLogin(url: string, username: string): Promise<ApiUser> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'password123' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return {
    username,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

/** Calls the Kith API as `user`; throws with the body on a non-2xx answer. */
export async function api(url: string, user: ApiUser, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { cookie: user.cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Uploads `user`'s own number and a JSON book of `book` numbers. */
export const associate = (url: string, user: ApiUser, phone: string, book: string[]) =>
  api(url, user, 'PUT', '/api/now-playing/association', {
    self: { name: user.username, phone },
    contacts: book.map((phone) => ({ phone })),
  });

/**
 * The admin marks `users`' current numbers verified (`POST /api/admin/accounts/{username}/phone-verified`):
 * a number links friends only once Kith knows it is the account's own (docs/security.md), and these
 * servers have no SMS gateway.
 */
export async function verifyPhones(url: string, admin: ApiUser, ...users: ApiUser[]): Promise<void> {
  for (const u of users) await api(url, admin, 'POST', `/api/admin/accounts/${u.username}/phone-verified`);
}
