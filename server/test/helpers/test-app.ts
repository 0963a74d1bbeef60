import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createContainer, type Container, type ContainerOptions } from '../../src/app/container.js';
import { buildApp } from '../../src/app/http-app.js';

/** Both engines every repository and service test runs against. */
export const engines = ['sqlite', 'postgres'] as const;
export type Engine = (typeof engines)[number];

export const PG_URL = process.env.KITH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  config: Config;
  close(): Promise<void>;
}

/** Each test app's container, for helpers that act as the server itself (e.g. minting an invite). */
const containers = new WeakMap<FastifyInstance, Container>();

/**
 * Boots the real app on a fresh data dir and, for PostgreSQL, a schema of its own
 * (so test files never see each other's rows). Close it in afterAll.
 */
export async function createTestApp(engine: Engine, overrides: Partial<Config> = {}, options: ContainerOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-test-'));
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const database: Config['database'] =
    engine === 'sqlite' ? { engine: 'sqlite', file: path.join(dataDir, 'kith.db') } : { engine: 'postgres', url: PG_URL, schema };
  // Face analysis is off unless a test turns it on (then with one worker): other tests never load the models.
  const config = loadConfig(
    {},
    { dataDir, database, logLevel: 'silent', publicUrl: 'http://kith.test', faceAnalysis: false, faceWorkers: 1, ...overrides },
  );
  const container = await createContainer(config, undefined, options);
  const app = await buildApp(container, { logger: false, serveWeb: false });
  containers.set(app, container);
  await app.ready();
  return {
    app,
    container,
    config,
    async close() {
      await app.close();
      await container.close();
      if (engine === 'postgres') {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-up user and the cookie header that authenticates as them. */
export interface TestUser {
  id: string;
  username: string;
  cookie: string;
}

/** The first (admin) account each app's `signup` created: it mints the invites later sign-ups need. */
const admins = new WeakMap<FastifyInstance, TestUser>();

/** The app's admin with a live session (logged in again if a test logged it out). */
async function adminSession(app: FastifyInstance): Promise<TestUser> {
  const admin = admins.get(app)!;
  if ((await as(app, admin).get('/api/me')).statusCode === 200) return admin;
  const fresh = await logIn(app, admin.username);
  admins.set(app, fresh);
  return fresh;
}

/**
 * Signs up `username` (password `password123`) and returns its session cookie. Sign-up defaults to `invite`
 * after the first account (docs/security.md, "Sign-up"): when the server asks for one, the app's first account,
 * its admin, creates the invite, so callers need not care which mode the server runs in.
 */
export async function signup(app: FastifyInstance, username: string, extra: Record<string, unknown> = {}): Promise<TestUser> {
  // One sign-up request per account, as before invites were the default: the per-IP limit (20 a minute) counts them.
  const invite = admins.has(app) && !('inviteCode' in extra) ? await as(app, await adminSession(app)).post('/api/invites') : undefined;
  if (invite && invite.statusCode !== 201) throw new Error(`invite for ${username} failed: ${invite.statusCode} ${invite.body}`);
  const attempt = (inviteCode?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { username, password: 'password123', ...(inviteCode ? { inviteCode } : {}), ...extra },
    });
  let res = await attempt(invite?.json().code);
  // The admin was made without this helper: mint the invite as that admin through the service.
  const container = containers.get(app);
  if (res.statusCode === 403 && res.json().code === 'invite_required' && container) {
    const admin = await container.db
      .selectFrom('account')
      .select(['id', 'username'])
      .where('is_admin', '=', 1)
      .orderBy('created_at')
      .executeTakeFirst();
    if (admin)
      res = await attempt(await container.accounts.createInvite({ accountId: admin.id, username: admin.username, via: 'session' }));
  }
  if (res.statusCode !== 201) throw new Error(`signup ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const user = { id: res.json().account.id, username, cookie };
  if (res.json().account.isAdmin) admins.set(app, user);
  return user;
}

/**
 * Marks `user`'s current e-mail verified the way a server without SMTP does it: the admin vouches for it
 * (`POST /api/admin/accounts/{username}/email-verification`). Contacts holding the address link at once.
 * The real SMTP round trip is tested in email-verification.test.ts.
 */
export async function verifyEmail(app: FastifyInstance, user: TestUser): Promise<void> {
  if (!admins.has(app)) throw new Error('verifyEmail needs the first account to have been made with signup()');
  const res = await as(app, await adminSession(app)).post(`/api/admin/accounts/${user.username}/email-verification`);
  if (res.statusCode !== 200) throw new Error(`verifying ${user.username}'s e-mail failed: ${res.statusCode} ${res.body}`);
}

/** Logs in as `username` with the helpers' password (`password123`), for a fresh session. */
export async function logIn(app: FastifyInstance, username: string): Promise<TestUser> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'password123' } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().account.id, username, cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

/** `app.inject` as a logged-in user. */
export function as(app: FastifyInstance, user: TestUser) {
  const go = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> => app.inject({ method, url, payload: payload as any, headers: { cookie: user.cookie, ...headers } });
  return {
    get: (url: string) => go('GET', url),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) => go('POST', url, payload, headers),
    patch: (url: string, payload?: unknown) => go('PATCH', url, payload),
    put: (url: string, payload?: unknown) => go('PUT', url, payload),
    delete: (url: string, payload?: unknown) => go('DELETE', url, payload),
  };
}

/**
 * Marks `user`'s current phone number verified, as the phone verification flow (an SMS code, or a contact who
 * holds the number confirming) does when it succeeds, and relinks the contacts holding it. Writes the column
 * directly: these tests are about what a verified number links, not how it got verified.
 */
export async function verifyPhone(t: TestApp, user: TestUser): Promise<void> {
  await t.container.db.updateTable('account').set({ phone_verified_at: Date.now() }).where('id', '=', user.id).execute();
  const account = await t.container.db.selectFrom('account').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
  await t.container.contacts.relinkAccount(account);
}
