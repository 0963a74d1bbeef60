/**
 * What the multi-instance and fault e2e tests do to a cluster from outside: upload over
 * HTTP, look at BullMQ's queues under the cluster's key prefix, read PostgreSQL directly, and wait
 * for a condition with a bound (a broken system fails the test instead of hanging it; never a speed assertion).
 */
import crypto from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

export const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * Calls `probe` every `intervalMs` until it returns something other than undefined/false/null, and
 * returns that. @throws after `timeoutMs` with `what` and the last value seen, so a failure says what never happened.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  o: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (o.timeoutMs ?? 120_000);
  let last: unknown;
  for (;;) {
    last = await probe();
    if (last !== undefined && last !== null && last !== false) return last as T;
    if (Date.now() > deadline)
      throw new Error(`gave up waiting for ${what} after ${(o.timeoutMs ?? 120_000) / 1000}s (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 250));
  }
}

export interface UploadResult {
  filename: string;
  status: 'created' | 'duplicate' | 'failed';
  asset?: { id: string; sha256?: string };
  error?: { code: string; message: string };
}

/** POST /api/assets with one file as `cookie`; @throws on a non-200 answer (with its body). */
export async function uploadFile(
  url: string,
  cookie: string,
  bytes: Uint8Array,
  filename: string,
  type = 'image/jpeg',
): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  const res = await fetch(`${url}/api/assets`, { method: 'POST', body: form, headers: { cookie }, signal: AbortSignal.timeout(120_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`upload ${filename} to ${url}: ${res.status} ${text}`);
  const [result] = (JSON.parse(text) as { results: UploadResult[] }).results;
  if (!result) throw new Error(`upload ${filename} to ${url}: the answer lists no result (${text})`);
  return result;
}

/** GET `path` as `cookie` and parse JSON; @throws on a non-2xx answer. */
export async function getJson<T = any>(url: string, cookie: string, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path} on ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A BullMQ queue of the cluster (`KITH_QUEUE_PREFIX` from its env), read-only use; `close()` when done. */
export function clusterQueue(env: Record<string, string>, name: string): Queue {
  const redisUrl = env.KITH_REDIS_URL;
  if (!redisUrl) throw new Error('clusterQueue: the cluster env has no KITH_REDIS_URL');
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: env.KITH_QUEUE_PREFIX });
  const close = queue.close.bind(queue);
  queue.close = async () => {
    await close();
    connection.disconnect();
  };
  return queue;
}

/** A client on the cluster's database (`KITH_DATABASE_URL`); `end()` when done. */
export async function clusterDb(env: Record<string, string>): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env.KITH_DATABASE_URL });
  await client.connect();
  return client;
}
