import { FormData } from 'undici';
import { errors } from '../common/errors.js';
import type { HttpPort } from './connector.js';

/** A linked Mastodon account: instance origin, user access token, default post visibility. */
export interface MastodonAccount {
  instanceUrl: string;
  accessToken: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
}

export interface MastodonPost {
  image: Buffer;
  mime: string;
  filename: string;
  /** Alt text of the media (Mastodon allows 1500 characters). */
  altText: string;
  /** Status text (500 characters on a default instance). */
  status: string;
  /** Same key → same status: Mastodon keeps it for an hour, so a retried job never posts twice. */
  idempotencyKey: string;
}

export interface MastodonClientOptions {
  http: HttpPort;
  /** Wait between `GET /api/v1/media/:id` polls while the instance processes the upload, in ms. */
  pollIntervalMs?: number;
  /** Polls before giving up (the job retries the whole post later, with the same idempotency key). */
  maxPolls?: number;
}

const fail = (what: string, status: number, body: Buffer) =>
  errors.badGateway('mastodon_error', `Mastodon ${what} answered ${status}: ${body.toString('utf8').slice(0, 300)}`, { status });

function json<T>(body: Buffer): T {
  return JSON.parse(body.toString('utf8')) as T;
}

/**
 * The client side of Mastodon's REST API, as documented at docs.joinmastodon.org:
 *
 * 1. `POST /api/v2/media` (methods/media/#v2): multipart `file` and `description` (alt text).
 *    200 = processed, 202 = still processing (its `url` is null).
 * 2. `GET /api/v1/media/:id` (methods/media/#get): polled while it answers 206 Partial Content.
 * 3. `POST /api/v1/statuses` (methods/statuses/#create): `status`, `media_ids[]`, `visibility`,
 *    with the `Idempotency-Key` header.
 *
 * Every call carries `Authorization: Bearer <token>` and goes through the SSRF guard.
 */
export function createMastodonClient(opts: MastodonClientOptions) {
  const pollMs = opts.pollIntervalMs ?? 1000;
  const maxPolls = opts.maxPolls ?? 30;
  const auth = (a: MastodonAccount) => ({ authorization: `Bearer ${a.accessToken}` });
  const at = (a: MastodonAccount, path: string) => new URL(path, a.instanceUrl).href;

  return {
    /** `GET /api/v1/accounts/verify_credentials` (methods/accounts/#verify_credentials): proves a token before it is stored. */
    async verify(a: MastodonAccount): Promise<{ acct: string; url: string }> {
      const res = await opts.http(at(a, '/api/v1/accounts/verify_credentials'), { method: 'GET', headers: auth(a) });
      if (res.status !== 200) throw fail('verify_credentials', res.status, res.body);
      return json<{ acct: string; url: string }>(res.body);
    },

    /** Uploads the image, waits for processing, posts the status. @returns the status id and public URL. */
    async post(a: MastodonAccount, p: MastodonPost): Promise<{ id: string; url: string }> {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(p.image)], { type: p.mime }), p.filename);
      form.append('description', p.altText.slice(0, 1500));
      const up = await opts.http(at(a, '/api/v2/media'), { method: 'POST', headers: auth(a), body: form });
      if (up.status !== 200 && up.status !== 202) throw fail('POST /api/v2/media', up.status, up.body);
      const media = json<{ id: string; url: string | null }>(up.body);

      let ready = up.status === 200 && media.url !== null;
      for (let i = 0; !ready && i < maxPolls; i++) {
        await new Promise((r) => setTimeout(r, pollMs));
        const res = await opts.http(at(a, `/api/v1/media/${encodeURIComponent(media.id)}`), { method: 'GET', headers: auth(a) });
        if (res.status === 200) ready = true;
        else if (res.status !== 206) throw fail('GET /api/v1/media/:id', res.status, res.body);
      }
      if (!ready) throw errors.gatewayTimeout('mastodon_timeout', `Mastodon did not finish processing media ${media.id}.`);

      const form2 = new URLSearchParams();
      form2.append('status', p.status);
      form2.append('media_ids[]', media.id);
      form2.append('visibility', a.visibility);
      const st = await opts.http(at(a, '/api/v1/statuses'), {
        method: 'POST',
        headers: { ...auth(a), 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': p.idempotencyKey },
        body: form2.toString(),
      });
      if (st.status !== 200) throw fail('POST /api/v1/statuses', st.status, st.body);
      const status = json<{ id: string; url: string | null; uri: string }>(st.body);
      return { id: status.id, url: status.url ?? status.uri };
    },
  };
}

export type MastodonClient = ReturnType<typeof createMastodonClient>;
