/**
 * Where the CLI talks to: server URL and API token from `--url`/`--token`, else KITH_URL/KITH_TOKEN.
 * The typed SDK client sends the token as `Authorization: Bearer`.
 */
import type { Command } from 'commander';
import { createKithClient, type KithClient } from '@kith/sdk';
import { CliError } from './cli-error.js';

export interface Connection {
  url: string;
  token: string;
  client: KithClient;
}

export function connectionFrom(cmd: Command, env: NodeJS.ProcessEnv = process.env): Connection {
  const opts = cmd.optsWithGlobals<{ url?: string; token?: string }>();
  const url = (opts.url ?? env.KITH_URL ?? '').replace(/\/$/, '');
  const token = opts.token ?? env.KITH_TOKEN ?? '';
  if (!/^https?:\/\//.test(url)) throw new CliError('set the server with --url http://host:2342 or KITH_URL');
  if (!token) throw new CliError('set an API token with --token or KITH_TOKEN (Kith web app → Settings → API tokens)');
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
