import crypto from 'node:crypto';
import { errors } from '../common/errors.js';
import type { Delivery, HttpPort } from './connector.js';

/** Header carrying `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export const SIGNATURE_HEADER = 'x-kith-signature';
/** Unix seconds the signature covers; receivers should refuse old ones (replay). */
export const TIMESTAMP_HEADER = 'x-kith-timestamp';

/** The signature a receiver recomputes: HMAC-SHA256 (RFC 2104) over `${timestamp}.${rawBody}`, hex. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The JSON a webhook receives for one shared region. */
export function webhookPayload(d: Delivery) {
  return {
    event: 'region.shared',
    share: {
      id: d.shareId,
      url: d.shareUrl,
      cropUrl: d.cropUrl,
      width: d.crop.width,
      height: d.crop.height,
      mime: d.crop.mime,
      description: d.description,
      pageUrl: d.pageUrl,
      sourceImageUrl: d.imageUrl,
      rect: d.rect,
      createdAt: new Date(d.createdAt).toISOString(),
    },
  };
}

/**
 * POSTs the signed JSON to the user's endpoint through the SSRF guard. Any answer other
 * than 2xx throws, so the job queue retries with exponential backoff; the share id is also
 * sent as `x-kith-delivery` so receivers can drop a repeat.
 */
export async function postWebhook(http: HttpPort, url: string, secret: string, d: Delivery): Promise<void> {
  const body = JSON.stringify(webhookPayload(d));
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await http(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: ts,
      [SIGNATURE_HEADER]: signWebhook(secret, ts, body),
      'x-kith-delivery': d.shareId,
    },
    body,
  });
  if (res.status < 200 || res.status >= 300)
    throw errors.badGateway('webhook_error', `The webhook answered ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`, {
      status: res.status,
    });
}
