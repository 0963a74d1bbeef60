import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createKithClient, type KithClient, type Schemas } from '@kith/sdk';

/** The four demo people, with the phone and e-mail their friends' address books hold. */
export const DEMO_PEOPLE = [
  { username: 'alice', displayName: 'Alice Moreau', phone: '+1 202 555 0101', email: 'alice@kith.example' },
  { username: 'bob', displayName: 'Bob Okafor', phone: '+1 202 555 0102', email: 'bob@kith.example' },
  { username: 'carol', displayName: 'Carol Lindqvist', phone: '+1 202 555 0103', email: 'carol@kith.example' },
  { username: 'dave', displayName: 'Dave Tanaka', phone: '+1 202 555 0104', email: 'dave@kith.example' },
] as const;
export type DemoPerson = (typeof DEMO_PEOPLE)[number];
export type DemoName = DemoPerson['username'];

/** A logged-in demo user: typed SDK client plus the raw pieces multipart uploads need. */
export interface DemoSession {
  person: DemoPerson;
  password: string;
  account: Schemas['Account'];
  /** `Cookie` header value carrying `kith_session`. */
  cookie: string;
  kith: KithClient;
  /** Whether this run created the account (false: it logged in to an existing one). */
  created: boolean;
}

export const PASSWORDS_FILE = path.resolve('data/demo-passwords.json');

// Short, concrete words: easy to read aloud and type on a phone.
const WORDS = (
  'amber anchor apple arrow badge basil beach berry bison blossom breeze cabin candle canyon cedar cloud ' +
  'comet coral cotton crane delta dune ember falcon fern fiddle forest fox garnet ginger harbor hazel ' +
  'island jade jasmine kettle lagoon lantern lemon lilac maple meadow mint moss nectar oak olive orbit ' +
  'otter pebble pepper pine plum prairie quartz raven river saffron sage salmon sparrow spruce tulip walnut'
).split(' ');

/** A memorable password such as `otter-lantern-maple-42` (≈ 26 bits: fine for a local demo, not for real accounts). */
export function memorablePassword(): string {
  const pick = () => WORDS[crypto.randomInt(WORDS.length)];
  return `${pick()}-${pick()}-${pick()}-${crypto.randomInt(10, 100)}`;
}

function loadPasswords(): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(PASSWORDS_FILE, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

function savePasswords(p: Record<string, string>): void {
  fs.mkdirSync(path.dirname(PASSWORDS_FILE), { recursive: true });
  fs.writeFileSync(PASSWORDS_FILE, JSON.stringify(p, null, 2) + '\n', { mode: 0o600 });
}

/** Thrown when Kith does not answer at all. */
export class ServerDownError extends Error {}

/** Fails fast, with the command to run, when nothing listens at `baseUrl`. */
export async function assertServerUp(baseUrl: string): Promise<void> {
  try {
    await fetch(`${baseUrl}/api/me`, { signal: AbortSignal.timeout(5000) });
  } catch (e) {
    throw new ServerDownError(
      `Kith is not answering at ${baseUrl} (${(e as Error).cause ?? (e as Error).message}).\nStart Kith first: npm start`,
    );
  }
}

const sessionCookie = (res: Response): string =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0] ?? '')
    .filter((c) => c.startsWith('kith_session='))
    .join('; ');

async function authCall(baseUrl: string, kind: 'login' | 'signup', body: object): Promise<{ res: Response; json: any }> {
  const res = await fetch(`${baseUrl}/api/auth/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { res, json: await res.json().catch(() => ({})) };
}

/**
 * Logs `person` in with the password kept in data/demo-passwords.json, or signs them up with
 * a new memorable one (saved there first, so a crash cannot lose it), with an invite from `invite` when the
 * server asks for one. Re-runnable: a stored
 * password whose login fails because the database was wiped signs up again with it.
 *
 * @throws when the account exists but the password file does not know it.
 */
export async function openSession(baseUrl: string, person: DemoPerson, invite?: () => Promise<string>): Promise<DemoSession> {
  const passwords = loadPasswords();
  let password = passwords[person.username];
  let created = false;
  let auth = password ? await authCall(baseUrl, 'login', { username: person.username, password }) : undefined;
  if (!auth || auth.res.status === 401) {
    password ??= memorablePassword();
    savePasswords({ ...passwords, [person.username]: password });
    auth = await authCall(baseUrl, 'signup', { username: person.username, password, displayName: person.displayName });
    // After the first (admin) account, sign-up takes an invite (KITH_SIGNUP=invite, the default): the admin makes one.
    if (auth.res.status === 403 && auth.json.code === 'invite_required' && invite)
      auth = await authCall(baseUrl, 'signup', {
        username: person.username,
        password,
        displayName: person.displayName,
        inviteCode: await invite(),
      });
    created = auth.res.status === 201;
    if (auth.res.status === 409)
      throw new Error(
        `User "${person.username}" already exists on this server, but ${PASSWORDS_FILE} has no working password for it. ` +
          'Point the demo at a fresh server (KITH_DATA_DIR) or delete that account.',
      );
  }
  if (!auth.res.ok) throw new Error(`${person.username}: ${auth.res.status} ${auth.json.code ?? ''} ${auth.json.message ?? ''}`);
  const cookie = sessionCookie(auth.res);
  const kith = createKithClient({
    baseUrl,
    // Add the session cookie to every call (Node's fetch, unlike a browser's, allows Cookie).
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const headers = new Headers(req.headers);
      headers.set('cookie', cookie);
      return fetch(new Request(req, { headers }));
    },
  });
  return { person, password: password!, account: auth.json.account, cookie, kith, created };
}

/** Unwraps an openapi-fetch result, throwing the server's `{ code, message }` on failure. */
export function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) {
    const e = (r.error ?? {}) as { code?: string; message?: string };
    throw new Error(`${what} failed: HTTP ${r.response.status} ${e.code ?? ''} ${e.message ?? ''}`.trim());
  }
  return r.data;
}
