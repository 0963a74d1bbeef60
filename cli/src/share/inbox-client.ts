/**
 * Uploading to a contact's album server (seed CN103369031A claim 1 / [0063]–[0067]: "upload a data
 * packet holding the matched photo and the contact's account name"; claims 2/9 and [0069]: through
 * the server's public, password-less interface). Wire format: docs/architecture.md "Album inbox".
 *
 * - Discovery: `GET {origin}/.well-known/kith-inbox` says which bodies the server takes (`xml`,
 *   `multipart`) and its limits; a 404 means an older server: multipart and the contract's defaults.
 * - The packet is the document's XML (`buildInboxPacketXml` from `@kith/sdk`, base64 pictures) when
 *   the server advertises `xml`, else `multipart/form-data` (`username`, `picture` files).
 * - Pictures for one recipient go in as few packets as the advertised `maxPictures` and
 *   `maxPacketBytes` allow; the answer's per-picture results are returned by picture name.
 * - Network errors, 5xx and 429 are retried with exponential backoff (429/503 wait `Retry-After`
 *   when it says so); other 4xx answers are the server's refusal and are not retried.
 */
import path from 'node:path';
import { buildInboxPacketXml } from '@kith/sdk';
import { FormData } from 'undici';
import { DEFAULT_RETRY, exchange, networkMessage, retriable, withRetry, type Answer, type RetryPolicy } from './http-retry.js';
import type { AlbumAddress } from '@kith/address-book';
import { signedXmlHeaders, type CliSigningKey } from './signing-key.js';

/** `GET /.well-known/kith-inbox` (sizes in bytes). */
export interface InboxDiscovery {
  version: number;
  /** Path template, `/inbox/{account}`. */
  inbox: string;
  formats: ('xml' | 'multipart')[];
  maxPacketBytes: number;
  maxPictures: number;
  maxPictureBytes: number;
}

/** The inbox discovery document's defaults, assumed when a server does not publish its discovery document. */
export const DEFAULT_DISCOVERY: InboxDiscovery = {
  version: 1,
  inbox: '/inbox/{account}',
  formats: ['multipart'],
  maxPacketBytes: 25 * 1024 * 1024,
  maxPictures: 20,
  maxPictureBytes: 20 * 1024 * 1024,
};

/** What happened to one picture sent to one recipient. */
export type DeliveryOutcome =
  | { status: 'delivered'; assetId: string; duplicate: boolean }
  /** The server answered and said no: `unknown_account`, `face_not_found`, `inbox_closed`, … */
  | { status: 'refused'; code: string; message: string; httpStatus: number }
  /** No answer after the retries (connection refused, timeout, 5xx, 429). */
  | { status: 'unreachable'; code: string; message: string };

/**
 * Reads an album server's inbox discovery document.
 * @returns the document, or {@link DEFAULT_DISCOVERY} when the server answers 404.
 * @throws Error (network error or unexpected status after the retries): the server is unreachable.
 */
export async function discoverInbox(origin: string, policy: RetryPolicy = DEFAULT_RETRY): Promise<InboxDiscovery> {
  const a = await withRetry((signal) => exchange(`${origin}/.well-known/kith-inbox`, { method: 'GET' }, signal), policy);
  if (a.status === 404) return DEFAULT_DISCOVERY;
  if (a.status !== 200 || typeof a.body !== 'object' || !a.body) throw new Error(`GET /.well-known/kith-inbox answered ${a.status}`);
  return { ...DEFAULT_DISCOVERY, ...(a.body as Partial<InboxDiscovery>) };
}

const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

/** A picture to send, read from disk only when its packet goes out (a batch of photos never sits in memory at once). */
export interface OutgoingPicture {
  /** Unique within one recipient's pictures: the packet identifies pictures by name. */
  name: string;
  /** Bytes. */
  size: number;
  load(): Promise<Uint8Array>;
}

/** Splits pictures into packets within the server's picture count and byte limits (base64 grows bytes by 4/3). */
export function packets<P extends { size: number }>(pictures: readonly P[], d: InboxDiscovery, format: 'xml' | 'multipart'): P[][] {
  const cost = (p: P) => (format === 'xml' ? Math.ceil(p.size / 3) * 4 : p.size) + 1024;
  const out: P[][] = [];
  let current: P[] = [];
  let size = 1024;
  for (const p of pictures) {
    if (current.length && (current.length >= d.maxPictures || size + cost(p) > d.maxPacketBytes)) {
      out.push(current);
      current = [];
      size = 1024;
    }
    current.push(p);
    size += cost(p);
  }
  if (current.length) out.push(current);
  return out;
}

export interface Sender {
  name: string | null;
  address: string | null;
  /** A key the sender's Kith issued: XML packets are signed with it (RFC 9421) and count as verified. */
  signingKey?: CliSigningKey;
}

/**
 * The inbox URL a discovery template makes, or null when it would leave the recipient's server: the
 * template is the remote server's text, and `origin + "@evil.example/…"` would change the host.
 */
export function inboxUrlOf(origin: string, template: string, username: string): string | null {
  if (!template.startsWith('/') || template.startsWith('//')) return null;
  try {
    const url = new URL(origin + template.replace('{account}', encodeURIComponent(username)));
    const base = new URL(origin);
    return url.host === base.host && url.protocol === base.protocol ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Sends pictures to one recipient's inbox and reports each picture's outcome.
 * Pictures above the server's `maxPictureBytes` are not sent (refused locally, `picture_too_large`).
 * Each packet's pictures are loaded just before it is sent.
 * @returns outcome per picture name; never throws for HTTP or network failures (they become outcomes).
 */
export async function sendToInbox(
  to: AlbumAddress,
  discovery: InboxDiscovery,
  pictures: readonly OutgoingPicture[],
  sender: Sender,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<Map<string, DeliveryOutcome>> {
  const outcomes = new Map<string, DeliveryOutcome>();
  const format = discovery.formats.includes('xml') ? 'xml' : 'multipart';
  const url = inboxUrlOf(to.origin, discovery.inbox, to.username);
  if (!url) {
    const message = `${to.origin} advertises an inbox on another host (${discovery.inbox.slice(0, 100)}); not sent`;
    for (const p of pictures) outcomes.set(p.name, { status: 'refused', code: 'inbox_host_mismatch', message, httpStatus: 0 });
    return outcomes;
  }
  const fits = pictures.filter((p) => {
    if (p.size <= discovery.maxPictureBytes) return true;
    outcomes.set(p.name, {
      status: 'refused',
      code: 'picture_too_large',
      message: `${p.size} bytes is over the server's limit of ${discovery.maxPictureBytes}; not sent`,
      httpStatus: 413,
    });
    return false;
  });
  for (const planned of packets(fits, discovery, format)) {
    let batch: { name: string; bytes: Uint8Array }[];
    try {
      batch = await Promise.all(planned.map(async (p) => ({ name: p.name, bytes: await p.load() })));
    } catch (e) {
      const message = `cannot read the photo again: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      for (const p of planned) outcomes.set(p.name, { status: 'refused', code: 'unreadable_photo', message, httpStatus: 0 });
      continue;
    }
    const xml =
      format === 'xml'
        ? buildInboxPacketXml({
            address: to.origin,
            username: to.username,
            senderName: sender.name,
            senderAddress: sender.address,
            pictures: batch,
          })
        : null;
    // A fresh body per attempt: a FormData stream is consumed by each request, and a signature's `created` is now.
    const body = async () => {
      if (xml !== null)
        return {
          headers: sender.signingKey ? await signedXmlHeaders(sender.signingKey, url, xml) : { 'content-type': 'application/xml' },
          body: xml,
        };
      const form = new FormData();
      form.append('username', to.username);
      if (sender.name) form.append('sender_name', sender.name);
      if (sender.address) form.append('sender_address', sender.address);
      for (const p of batch)
        form.append(
          'picture',
          new Blob([p.bytes as Uint8Array<ArrayBuffer>], {
            type: IMAGE_TYPES[path.extname(p.name).toLowerCase()] ?? 'application/octet-stream',
          }),
          p.name,
        );
      return { body: form };
    };
    let answer: Answer;
    try {
      answer = await withRetry(async (signal) => exchange(url, { method: 'POST', ...(await body()) }, signal), policy);
    } catch (e) {
      for (const p of batch) outcomes.set(p.name, { status: 'unreachable', code: 'network_error', message: networkMessage(e) });
      continue;
    }
    for (const [name, outcome] of outcomesOf(answer, batch)) outcomes.set(name, outcome);
  }
  return outcomes;
}

interface InboxAnswer {
  pictures?: (
    | { name: string; status: 'accepted'; assetId: string; duplicate: boolean }
    | { name: string; status: 'refused'; code: string; message: string }
  )[];
  code?: string;
  message?: string;
}

/** Reads an inbox answer: per-picture results (200/422), else one packet-level error for the whole batch. */
function outcomesOf(a: Answer, batch: readonly { name: string }[]): Map<string, DeliveryOutcome> {
  const out = new Map<string, DeliveryOutcome>();
  const body = (typeof a.body === 'object' && a.body ? a.body : {}) as InboxAnswer;
  if ((a.status === 200 || a.status === 422) && Array.isArray(body.pictures)) {
    for (const p of body.pictures)
      out.set(
        p.name,
        p.status === 'accepted'
          ? { status: 'delivered', assetId: p.assetId, duplicate: p.duplicate }
          : { status: 'refused', code: p.code, message: p.message, httpStatus: a.status },
      );
  }
  const code = body.code ?? `http_${a.status}`;
  const message = body.message ?? (typeof a.body === 'string' ? a.body.slice(0, 200) : `HTTP ${a.status}`);
  for (const p of batch) {
    if (out.has(p.name)) continue;
    if (retriable(a.status)) out.set(p.name, { status: 'unreachable', code, message });
    else if (a.status >= 200 && a.status < 300)
      out.set(p.name, { status: 'refused', code: 'no_result', message: 'the server did not report this picture', httpStatus: a.status });
    else out.set(p.name, { status: 'refused', code, message, httpStatus: a.status });
  }
  return out;
}
