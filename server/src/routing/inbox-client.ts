import { FormData } from 'undici';
import { buildInboxPacketXml } from '@kith/sdk';
import type { HttpPort } from '../connectors/connector.js';
import { AppError, errors } from '../common/errors.js';
import { signRequest, type RequestSigningKey } from '../signing/http-signature.js';

/** What a Kith server advertises at `/.well-known/kith-inbox` (the inbox discovery document); defaults when it 404s. */
export interface InboxDiscovery {
  inbox: string;
  formats: string[];
  maxPictureBytes: number;
}

const DEFAULT_DISCOVERY: InboxDiscovery = { inbox: '/inbox/{account}', formats: ['multipart'], maxPictureBytes: 20 * 1024 * 1024 };

/** How one delivery attempt ended. `retry`: worth another attempt later (network, 5xx, 429). */
export type Outcome =
  { status: 'delivered'; remoteAssetId: string | null } | { status: 'refused' | 'retry'; code: string; message: string };

export interface OutgoingPacket {
  /** The recipient server's base URL (origin, plus a path prefix when it has one). */
  origin: string;
  username: string;
  senderName: string;
  senderAddress: string;
  picture: { name: string; bytes: Buffer; mime: string };
  /** The sending account's key: XML packets are signed with it (RFC 9421), proving `senderAddress`. */
  signingKey?: RequestSigningKey;
}

/**
 * The inbox URL a discovery template makes for `username`, or null when the template would send the
 * packet anywhere but the recipient's server: the template is the remote server's text, and
 * `origin + "@evil.example/…"` or `origin + ".evil.example/…"` would change the host (SSRF).
 */
export function inboxUrlOf(origin: string, template: string, username: string): string | null {
  if (!template.startsWith('/') || template.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(origin + template.replace('{account}', encodeURIComponent(username)));
  } catch {
    return null;
  }
  return url.host === new URL(origin).host && url.protocol === new URL(origin).protocol ? url.href : null;
}

interface PictureResult {
  status: 'accepted' | 'refused';
  assetId?: string;
  code?: string;
  message?: string;
}

/** Reads a packet answer (contract: `{ accepted, refused, pictures[] }`) or an error body `{ code, message }`. */
export function outcomeOfAnswer(status: number, body: unknown): Outcome {
  const b = (body ?? {}) as { accepted?: number; pictures?: PictureResult[]; code?: string; message?: string };
  const first = b.pictures?.[0];
  if (status >= 200 && status < 300) {
    if (first?.status === 'refused') return { status: 'refused', code: first.code ?? 'refused', message: first.message ?? 'refused' };
    return { status: 'delivered', remoteAssetId: first?.assetId ?? null };
  }
  const code = (first?.status === 'refused' ? first.code : b.code) ?? `http_${status}`;
  const message = (first?.status === 'refused' ? first.message : b.message) ?? `The inbox answered HTTP ${status}.`;
  // 408/429/5xx are passing conditions; every other 4xx is the recipient server's final word.
  const transient = status === 408 || status === 429 || status >= 500;
  return { status: transient ? 'retry' : 'refused', code, message };
}

/**
 * The words for a delivery the SSRF guard stopped. The guard's own message ("send the image bytes instead") fits a
 * region share, where the client holds the image; a delivery has no such way round: the recipient's server is on a
 * loopback, private or otherwise non-public address, and only this server's admin can let Kith reach it.
 */
function blockedDeliveryMessage(origin: string, e: AppError): string {
  const { address, range } = (e.details ?? {}) as { address?: string; range?: string };
  return (
    `${origin} resolves to ${address ?? 'an address'}${range ? `, a ${range} address` : ''}, which Kith does not send to: ` +
    'deliveries go only to servers on public internet addresses. If that server is yours (this machine or your own network), ' +
    `the admin of this Kith can allow its range with KITH_FETCH_ALLOW (e.g. ${address ? `${address}/${address.includes(':') ? 128 : 32}` : '127.0.0.1/32'}), then send the photo again.`
  );
}

/**
 * Server-to-server delivery through another Kith server's public inbox (docs/architecture.md "Album inbox":
 * `GET /.well-known/kith-inbox`, then `POST /inbox/{account}` as XML packet — seed CN103369031A
 * [0063]–[0067] — or multipart, as advertised). Every request goes through the SSRF guard, and the
 * inbox stays on the recipient's host (`inbox_host_mismatch` otherwise). XML packets are signed
 * (RFC 9421) with the sender's key; a multipart packet goes unsigned ("unverified sender").
 * Never throws for the recipient's answers: each becomes an {@link Outcome}.
 */
export function createInboxClient(http: HttpPort) {
  async function discover(origin: string): Promise<InboxDiscovery> {
    const res = await http(`${origin}/.well-known/kith-inbox`, { method: 'GET', headers: { accept: 'application/json' } });
    if (res.status === 404) return DEFAULT_DISCOVERY;
    if (res.status !== 200)
      throw errors.badGateway('inbox_discovery_failed', `${origin} answered HTTP ${res.status} to inbox discovery.`, {
        status: res.status,
      });
    const d = JSON.parse(res.body.toString('utf8')) as Partial<InboxDiscovery>;
    return {
      inbox: typeof d.inbox === 'string' && d.inbox.includes('{account}') ? d.inbox : DEFAULT_DISCOVERY.inbox,
      formats: Array.isArray(d.formats) ? d.formats : DEFAULT_DISCOVERY.formats,
      maxPictureBytes: typeof d.maxPictureBytes === 'number' ? d.maxPictureBytes : DEFAULT_DISCOVERY.maxPictureBytes,
    };
  }

  /** One attempt: discovery, then the packet (XML when advertised, else multipart). */
  async function send(p: OutgoingPacket): Promise<Outcome> {
    try {
      const d = await discover(p.origin);
      if (p.picture.bytes.length > d.maxPictureBytes)
        return {
          status: 'refused',
          code: 'picture_too_large',
          message: `The photo is ${p.picture.bytes.length} bytes; ${p.origin} accepts at most ${d.maxPictureBytes}.`,
        };
      const url = inboxUrlOf(p.origin, d.inbox, p.username);
      if (!url)
        return {
          status: 'refused',
          code: 'inbox_host_mismatch',
          message: `${p.origin} advertises an inbox on another host (${d.inbox.slice(0, 100)}); Kith delivers only to the recipient's own server.`,
        };
      let res;
      if (d.formats.includes('xml')) {
        const xml = buildInboxPacketXml({
          address: p.origin,
          username: p.username,
          senderName: p.senderName,
          senderAddress: p.senderAddress,
          pictures: [{ name: p.picture.name, bytes: p.picture.bytes }],
        });
        const body = Buffer.from(xml, 'utf8');
        const headers = p.signingKey
          ? await signRequest(p.signingKey, { url, contentType: 'application/xml', body })
          : { 'content-type': 'application/xml' };
        res = await http(url, { method: 'POST', headers, body });
      } else {
        const form = new FormData();
        form.append('username', p.username);
        form.append('sender_name', p.senderName);
        form.append('sender_address', p.senderAddress);
        form.append('picture', new Blob([new Uint8Array(p.picture.bytes)], { type: p.picture.mime }), p.picture.name);
        res = await http(url, { method: 'POST', body: form });
      }
      let body: unknown;
      try {
        body = JSON.parse(res.body.toString('utf8'));
      } catch {
        body = undefined;
      }
      return outcomeOfAnswer(res.status, body);
    } catch (e) {
      if (!(e instanceof AppError)) return { status: 'retry', code: 'network_error', message: (e as Error).message };
      // The SSRF guard's refusals stay refusals whatever the retry; unreachable hosts may come back.
      const final = e.code === 'blocked_address' || e.code === 'unsupported_url' || e.code === 'too_many_redirects';
      if (e.code === 'image_unreachable')
        return {
          status: 'retry',
          code: 'unreachable',
          message: `${p.origin} could not be reached: ${String(e.details?.reason ?? e.message)}`,
        };
      // A delivery records the recipient's HTTP status as its code (`http_503`), as for the packet's own answer.
      if (e.code === 'inbox_discovery_failed') return { status: 'retry', code: `http_${Number(e.details?.status)}`, message: e.message };
      if (e.code === 'blocked_address') return { status: 'refused', code: e.code, message: blockedDeliveryMessage(p.origin, e) };
      return { status: final ? 'refused' : 'retry', code: e.code, message: e.message };
    }
  }

  return { discover, send };
}

export type InboxClient = ReturnType<typeof createInboxClient>;
