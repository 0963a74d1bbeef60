/**
 * How `kith login` gets an API token: either it is given (`--token`, checked with `GET /api/me`), or the account's
 * password opens a short session (`POST /api/auth/login`) that mints a personal API token (`POST /api/me/tokens`,
 * docs/security.md "API tokens") and is ended at once (`POST /api/auth/logout`): only the token is kept.
 * The password is asked at the terminal without echo, or read from standard input (`--password-stdin`, as
 * `docker login` does, so it stays out of the process list and the shell history).
 */
import os from 'node:os';
import readline from 'node:readline/promises';
import { Writable } from 'node:stream';
import { createKithClient } from '@kith/sdk';
import { call } from '../connection.js';
import { CliError } from '../cli-error.js';
import type { CliLogin } from '../cli-config.js';

export type TokenScope = 'scrobble' | 'read' | 'upload' | 'full';

/** Checks `token` against `url` (`GET /api/me`). @returns the login to save. @throws CliError when refused or unreachable. */
export async function loginWithToken(url: string, token: string): Promise<CliLogin> {
  const client = createKithClient({ baseUrl: url, token });
  const { account } = await call(client.op.getMe());
  return { url, token, username: account.username };
}

/** The token's name on the server: shows in Settings → API tokens which machine holds it. */
export const tokenName = () => `kith CLI on ${os.hostname()}`.slice(0, 100);

/**
 * Logs in with a password, mints a token of `scope`, and ends the session.
 * @throws CliError 401 `invalid_credentials`, 429 `too_many_login_attempts`, or an unreachable server.
 */
export async function loginWithPassword(url: string, username: string, password: string, scope: TokenScope): Promise<CliLogin> {
  const anonymous = createKithClient({ baseUrl: url });
  let answer: Awaited<ReturnType<typeof anonymous.op.login>>;
  try {
    answer = await anonymous.op.login({ body: { username, password } });
  } catch (e) {
    throw new CliError(`cannot reach the server: ${(e as Error).message}`);
  }
  const { response } = answer;
  if (!response.ok) {
    const body = (answer.error ?? {}) as { code?: string; message?: string };
    throw new CliError(`${response.status} ${body.code ?? ''}: ${body.message ?? response.statusText}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const session = { headers: { cookie } };
  try {
    const minted = await call(anonymous.op.createToken({ body: { name: tokenName(), scope }, ...session }));
    return { url, token: minted.token, username, tokenId: minted.info.id, scope: minted.info.scope };
  } finally {
    // The session was only the way to the token; a failure to end it leaves a session that expires by itself.
    await anonymous.op.logout(session).catch(() => undefined);
  }
}

/**
 * Revokes the saved token on its server when `kith login` minted it (`DELETE /api/me/tokens/{id}`, which needs a
 * `full` token). @returns undefined when revoked, else why not (the caller still forgets it locally).
 */
export async function revokeSaved(login: CliLogin): Promise<string | undefined> {
  if (!login.tokenId) return 'it was given to kith login, not made by it';
  const client = createKithClient({ baseUrl: login.url, token: login.token });
  try {
    await call(client.op.deleteToken({ params: { path: { id: login.tokenId } } }));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * One line typed at the terminal; with `muted` the typed characters are not echoed (passwords).
 * @throws CliError when standard input is not a terminal (nobody to ask: give the value as an option instead).
 */
export async function ask(question: string, opts: { muted?: boolean; hint: string }): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError(`no terminal to ask for it: ${opts.hint}`);
  process.stderr.write(question);
  // readline echoes what is typed to its output: a sink that drops it hides the password.
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!opts.muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  try {
    return (await rl.question('')).trim();
  } finally {
    rl.close();
    if (opts.muted) process.stderr.write('\n');
  }
}

/** The first line of standard input, without its line ending. @throws CliError when it is empty. */
export async function firstLineOfStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new CliError('--password-stdin: standard input held no password');
  return line;
}
