import crypto from 'node:crypto';
import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import { INTENT_TARGETS, type Delivery, type HttpPort, type TargetId, type TargetInfo } from './connector.js';
import type { ConnectorsRepository } from './connectors.repository.js';
import { createMastodonClient, type MastodonAccount } from './mastodon.client.js';
import type { SecretBox } from './secret-box.js';
import { postWebhook } from './webhook.client.js';

export interface ConnectorsDeps {
  repo: ConnectorsRepository;
  box: SecretBox;
  /** Outbound HTTP through the SSRF guard. */
  http: HttpPort;
  /** Mastodon media polling interval (ms); tests shorten it. */
  mastodonPollMs?: number;
}

const KITH: TargetInfo = { id: 'kith', label: 'Kith album', kind: 'server' };
const MASTODON: TargetInfo = { id: 'mastodon', label: 'Mastodon', kind: 'server' };
const WEBHOOK: TargetInfo = { id: 'webhook', label: 'Webhook', kind: 'server' };

/** Status of a user's connector links, without secrets. */
export interface ConnectorStatus {
  mastodon: { instanceUrl: string; acct: string; visibility: MastodonAccount['visibility'] } | null;
  webhook: { url: string } | null;
}

/**
 * Pluggable share targets (region-sharing S270: "the cloud server sends the crop and the
 * description to the third-party platform's back-end share interface").
 *
 * Each user links their own Mastodon account (instance + token, verified before it is
 * stored) and webhook endpoint; secrets are sealed with the {@link SecretBox}, bound to the
 * owner and kind. `kith` (album) and `pinterest` (share intent) need no link.
 */
export function createConnectorsService(deps: ConnectorsDeps) {
  const { repo } = deps;
  const mastodon = createMastodonClient({ http: deps.http, pollIntervalMs: deps.mastodonPollMs });
  const ctx = (ownerId: string, kind: string) => `${ownerId}:${kind}`;

  async function mastodonAccount(ownerId: string): Promise<MastodonAccount | undefined> {
    const row = await repo.find(ownerId, 'mastodon');
    if (!row) return undefined;
    const o = JSON.parse(row.options) as { visibility: MastodonAccount['visibility'] };
    return { instanceUrl: row.url, accessToken: deps.box.open(row.secret_sealed, ctx(ownerId, 'mastodon')), visibility: o.visibility };
  }

  return {
    async status(principal: Principal): Promise<ConnectorStatus> {
      const rows = await repo.list(principal.accountId);
      const m = rows.find((r) => r.kind === 'mastodon');
      const w = rows.find((r) => r.kind === 'webhook');
      const mo = m ? (JSON.parse(m.options) as { acct: string; visibility: MastodonAccount['visibility'] }) : undefined;
      return {
        mastodon: m && mo ? { instanceUrl: m.url, acct: mo.acct, visibility: mo.visibility } : null,
        webhook: w ? { url: w.url } : null,
      };
    },

    /**
     * Links a Mastodon account after proving the token with verify_credentials.
     * @throws 422 `blocked_address`/`image_unreachable` (instance not reachable), 502 `mastodon_error` (token refused).
     */
    async linkMastodon(principal: Principal, input: Omit<MastodonAccount, 'instanceUrl'> & { instanceUrl: string }) {
      const instanceUrl = new URL(input.instanceUrl).origin;
      const account = { ...input, instanceUrl };
      const me = await mastodon.verify(account);
      const now = Date.now();
      await repo.upsert({
        id: crypto.randomUUID(),
        owner_id: principal.accountId,
        kind: 'mastodon',
        url: instanceUrl,
        secret_sealed: deps.box.seal(input.accessToken, ctx(principal.accountId, 'mastodon')),
        options: JSON.stringify({ acct: me.acct, visibility: input.visibility }),
        created_at: now,
        updated_at: now,
      });
      return (await this.status(principal)).mastodon!;
    },

    /** Links a webhook; a signing secret is generated when none is given. @returns the secret (shown once). */
    async linkWebhook(principal: Principal, input: { url: string; secret?: string }): Promise<{ url: string; secret: string }> {
      const url = new URL(input.url);
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw errors.badRequest('unsupported_url', 'A webhook URL must be http or https.');
      const secret = input.secret ?? crypto.randomBytes(24).toString('base64url');
      const now = Date.now();
      await repo.upsert({
        id: crypto.randomUUID(),
        owner_id: principal.accountId,
        kind: 'webhook',
        url: url.href,
        secret_sealed: deps.box.seal(secret, ctx(principal.accountId, 'webhook')),
        options: '{}',
        created_at: now,
        updated_at: now,
      });
      return { url: url.href, secret };
    },

    /** @throws 404 `not_found` when that kind is not linked. */
    async unlink(principal: Principal, kind: 'mastodon' | 'webhook'): Promise<void> {
      if (!(await repo.remove(principal.accountId, kind))) throw errors.notFound(`${kind} link`);
    },

    /** Targets the owner can share to now, in overlay order. */
    async targetsFor(ownerId: string): Promise<TargetInfo[]> {
      const kinds = new Set((await repo.list(ownerId)).map((r) => r.kind));
      return [KITH, ...(kinds.has('mastodon') ? [MASTODON] : []), ...(kinds.has('webhook') ? [WEBHOOK] : []), ...INTENT_TARGETS];
    },

    /**
     * Posts a delivery to a server-side target other than `kith` (run from the delivery job).
     * @returns the posted status URL (Mastodon). @throws when the platform refuses; the job retries.
     */
    async deliver(target: TargetId, d: Delivery): Promise<{ url?: string }> {
      if (target === 'mastodon') {
        const account = await mastodonAccount(d.ownerId);
        if (!account) throw errors.conflict('target_not_linked', 'The Mastodon account was unlinked.');
        const alt = d.description || `A region of an image from ${new URL(d.pageUrl).host}`;
        const status = [d.description, d.shareUrl].filter(Boolean).join('\n\n').slice(0, 500);
        const posted = await mastodon.post(account, {
          image: d.crop.bytes,
          mime: d.crop.mime,
          filename: `region-${d.shareId}.png`,
          altText: alt,
          status,
          idempotencyKey: `kith-region-${d.shareId}`,
        });
        return { url: posted.url };
      }
      if (target === 'webhook') {
        const row = await repo.find(d.ownerId, 'webhook');
        if (!row) throw errors.conflict('target_not_linked', 'The webhook was removed.');
        await postWebhook(deps.http, row.url, deps.box.open(row.secret_sealed, ctx(d.ownerId, 'webhook')), d);
        return {};
      }
      throw new Error(`target ${target} is not delivered by a connector`);
    },
  };
}

export type ConnectorsService = ReturnType<typeof createConnectorsService>;
