/**
 * Where the CLI talks to: server URL and API token from `--url`/`--token`, else KITH_URL/KITH_TOKEN, else the
 * login `kith login` saved (cli-config.ts). The typed SDK client sends the token as `Authorization: Bearer`.
 */
import type { Command } from 'commander';
import { createKithClient, type KithClient } from '@kith/sdk';
import { CliError } from './cli-error.js';
import { readLogin } from './cli-config.js';

export interface Connection {
  url: string;
  token: string;
  client: KithClient;
}

/**
 * The server and token for `cmd`: flags first, then the environment, then the saved login. The saved token goes
 * only to the server it was saved for: `--url` naming another server needs its own `--token`/KITH_TOKEN.
 * @throws CliError when no server or no token is set, or the saved login cannot be read.
 */
export function connectionFrom(cmd: Command, env: NodeJS.ProcessEnv = process.env): Connection {
  const opts = cmd.optsWithGlobals<{ url?: string; token?: string }>();
  // An empty variable counts as unset (`KITH_TOKEN= kith upload …`).
  const given = opts.url ?? (env.KITH_URL || undefined);
  const givenToken = opts.token ?? (env.KITH_TOKEN || undefined);
  const saved = givenToken && given ? undefined : readLogin(env);
  const url = (given ?? saved?.url ?? '').replace(/\/$/, '');
  const token = givenToken ?? (saved && saved.url.replace(/\/$/, '') === url ? saved.token : '');
  if (!/^https?:\/\//.test(url)) throw new CliError('set the server with kith login, --url http://host:2342 or KITH_URL');
  if (!token) throw new CliError('set an API token with kith login, --token or KITH_TOKEN (Kith web app → Settings → API tokens)');
  return { url, token, client: createKithClient({ baseUrl: url, token }) };
}

/** Unwraps an SDK call: the data, or a CliError with the server's message. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await p;
  } catch (e) {
    throw new CliError(`cannot reach the server: ${(e as Error).message}`);
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const body = error as { code?: string; message?: string } | undefined;
    throw new CliError(`${response.status} ${body?.code ?? ''}: ${body?.message ?? response.statusText}`.trim());
  }
  return data as T;
}
