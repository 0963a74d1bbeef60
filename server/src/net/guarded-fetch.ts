import dns from 'node:dns';
import net from 'node:net';
import { Agent, request, type FormData } from 'undici';
import { AppError, errors } from '../common/errors.js';
import type { AddressPolicy } from './address-policy.js';

/** Resolves a host name to every address it has (the shape of `dns.promises.lookup(host, { all: true })`). */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface GuardedFetchOptions {
  policy: AddressPolicy;
  /** Largest body accepted, in bytes (default 20 MB). */
  maxBytes: number;
  /** Whole-fetch deadline in ms, redirects and body included (default 10 s). */
  timeoutMs: number;
  /** Redirects followed at most (default 3); each target is checked again. */
  maxRedirects?: number;
  /** DNS; injectable so tests can give a public-looking name any address. */
  resolve?: Resolver;
  /** Extra request headers (e.g. `Authorization` for connectors); never sent to a redirect's other origin. */
  headers?: Record<string, string>;
  /** GET by default; WebDAV clients (CardDAV sync) also send PROPFIND and REPORT. */
  method?: 'GET' | 'POST' | 'PROPFIND' | 'REPORT';
  body?: string | Buffer | FormData;
}

export interface GuardedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
  /** The address actually connected to. */
  address: string;
}

const systemResolve: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** 422 `blocked_address`: the URL leads to an address the server must not reach (SSRF guard). */
export const blockedAddress = (url: string, address: string, range: string) =>
  errors.unprocessable(
    'blocked_address',
    `Kith does not fetch ${url}: it resolves to ${address}, a ${range} address. Only public internet addresses can be fetched; send the image bytes instead.`,
    { url, address, range },
  );

const unreachable = (url: string, reason: string) =>
  errors.unprocessable('image_unreachable', `Kith could not fetch ${url}: ${reason}. Send the image bytes instead.`, { url, reason });

/**
 * Checks a URL's scheme and every address its host resolves to; returns the one address
 * to connect to. Refusing when ANY address is blocked (not just the first) keeps a name
 * with one public and one private record from slipping through.
 * @throws 422 `unsupported_url` (not http/https), `blocked_address`, `image_unreachable` (DNS failure).
 */
export async function vetUrl(url: URL, policy: AddressPolicy, resolve: Resolver = systemResolve): Promise<string> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw errors.unprocessable('unsupported_url', `Only http and https URLs can be fetched, not ${url.protocol}`, { url: url.href });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await resolve(host)).map((a) => a.address);
    } catch (e) {
      throw unreachable(url.href, `the name ${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? 'DNS error'})`);
    }
    if (!addresses.length) throw unreachable(url.href, `the name ${host} has no address`);
  }
  for (const a of addresses) {
    const range = policy.refusal(a);
    if (range) throw blockedAddress(url.href, a, range);
  }
  return addresses[0];
}

/**
 * An undici Agent whose every connection goes to `address`, whatever the URL's host says.
 * This pins the vetted address: a second DNS answer (rebinding) is never asked for.
 * TLS still verifies the certificate against the URL's host name (SNI/servername).
 *
 * Agents are kept per address (the few most recent), so a second fetch from the same
 * server reuses its keep-alive connection instead of connecting again. Reuse cannot widen
 * what is reached: an agent only ever connects to its own address, every URL is vetted
 * before an agent is chosen, and undici shares a connection only within one origin.
 */
const agents = new Map<string, Agent>();
const KEPT_AGENTS = 16;
function pinnedAgent(address: string): Agent {
  const kept = agents.get(address);
  if (kept) {
    agents.delete(address); // re-insert: Map order is the recency order
    agents.set(address, kept);
    return kept;
  }
  if (agents.size >= KEPT_AGENTS) {
    const [oldest, agent] = agents.entries().next().value!;
    agents.delete(oldest);
    void agent.close();
  }
  const agent = newPinnedAgent(address);
  agents.set(address, agent);
  return agent;
}

function newPinnedAgent(address: string): Agent {
  const family = net.isIP(address);
  return new Agent({
    connect: {
      lookup: (_host: string, opts: unknown, cb: (...args: any[]) => void) => {
        if ((opts as { all?: boolean }).all) cb(null, [{ address, family }]);
        else cb(null, address, family);
      },
    },
  });
}

/**
 * Fetches a URL from the public internet only (the SSRF guard of the brief: "outbound
 * fetches through undici, with a guard against private addresses").
 *
 * Every hop is vetted ({@link vetUrl}), connected to by its pinned address, and redirects
 * (301/302/303/307/308) are followed by hand, at most `maxRedirects`, so each target is
 * checked again. The body is read up to `maxBytes`; the whole exchange must finish within
 * `timeoutMs`. Non-2xx answers are returned, not thrown, so callers choose the error.
 *
 * @throws 422 `blocked_address`, `unsupported_url`, `image_unreachable` (DNS, connection,
 *         timeout), `too_many_redirects`; 413 `payload_too_large`.
 */
export async function guardedFetch(input: string, opts: GuardedFetchOptions): Promise<GuardedResponse> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const maxRedirects = opts.maxRedirects ?? 3;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw errors.unprocessable('unsupported_url', `"${input.slice(0, 200)}" is not an absolute URL.`);
  }
  const origin = url.origin;
  for (let hop = 0; ; hop++) {
    const address = await vetUrl(url, opts.policy, opts.resolve);
    const agent = pinnedAgent(address);
    const res = await request(url, {
      dispatcher: agent,
      method: opts.method ?? 'GET',
      signal,
      headers: { 'user-agent': 'Kith (+region sharing)', ...(url.origin === origin ? opts.headers : {}) },
      body: opts.body,
    }).catch((e: Error) => {
      throw unreachable(url.href, signal.aborted ? `no answer within ${opts.timeoutMs} ms` : e.message);
    });
    const location = res.headers.location;
    if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string') {
      await res.body.dump();
      if (hop >= maxRedirects)
        throw errors.unprocessable('too_many_redirects', `${input} redirects more than ${maxRedirects} times.`, {
          url: input,
          maxRedirects,
        });
      url = new URL(location, url);
      continue;
    }
    const declared = Number(res.headers['content-length'] ?? 0);
    if (declared > opts.maxBytes) {
      await res.body.dump();
      throw errors.tooLarge('payload_too_large', `${url.href} is ${declared} bytes; the limit is ${opts.maxBytes}.`, {
        limitBytes: opts.maxBytes,
      });
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of res.body) {
        total += (chunk as Buffer).length;
        if (total > opts.maxBytes) {
          res.body.destroy();
          throw errors.tooLarge('payload_too_large', `${url.href} is larger than the limit of ${opts.maxBytes} bytes.`, {
            limitBytes: opts.maxBytes,
          });
        }
        chunks.push(chunk as Buffer);
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unreachable(url.href, signal.aborted ? `no answer within ${opts.timeoutMs} ms` : (e as Error).message);
    }
    return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), url: url.href, address };
  }
}
