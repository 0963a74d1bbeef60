import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema } from '../http/common.schema.js';
import type { ConnectorsService } from './connectors.service.js';

const visibility = z.enum(['public', 'unlisted', 'private', 'direct']);
const mastodonStatus = z.object({ instanceUrl: z.string(), acct: z.string(), visibility }).meta({ id: 'MastodonLink' });
const statusSchema = z
  .object({ mastodon: mastodonStatus.nullable(), webhook: z.object({ url: z.string() }).nullable() })
  .meta({ id: 'ConnectorStatus' });
const kindParams = z.object({ kind: z.enum(['mastodon', 'webhook']) });

/** Each user's links to outside share targets (settings page). Secrets are write-only. */
export function connectorsRoutes(connectors: ConnectorsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/connectors',
      {
        schema: {
          tags: ['connectors'],
          summary: 'My linked share targets (no secrets)',
          response: { 200: statusSchema, ...errorResponses },
        },
      },
      async (request) => connectors.status(requirePrincipal(request)),
    );
    app.put(
      '/api/connectors/mastodon',
      {
        schema: {
          tags: ['connectors'],
          summary: 'Link my Mastodon account (instance URL + access token with write:media and write:statuses)',
          description:
            'The token is checked with GET /api/v1/accounts/verify_credentials, then stored AES-256-GCM encrypted. ' +
            'Errors: 422 `blocked_address`/`image_unreachable` (instance not reachable), 502 `mastodon_error` (token refused).',
          body: z.object({
            instanceUrl: z.url({ protocol: /^https?$/ }),
            accessToken: z.string().min(8).max(500),
            visibility: visibility.default('public'),
          }),
          response: { 200: z.object({ mastodon: mastodonStatus }), 422: errorSchema, 502: errorSchema, ...errorResponses },
        },
      },
      async (request) => ({ mastodon: await connectors.linkMastodon(requirePrincipal(request), request.body) }),
    );
    app.put(
      '/api/connectors/webhook',
      {
        schema: {
          tags: ['connectors'],
          summary: 'Set my webhook (signed JSON POST per share); the signing secret is returned once',
          description: 'Deliveries carry `X-Kith-Timestamp` and `X-Kith-Signature: sha256=HMAC-SHA256(secret, "<timestamp>.<body>")`.',
          body: z.object({ url: z.url({ protocol: /^https?$/ }), secret: z.string().min(16).max(200).optional() }),
          response: { 200: z.object({ url: z.string(), secret: z.string() }), ...errorResponses },
        },
      },
      async (request) => connectors.linkWebhook(requirePrincipal(request), request.body),
    );
    app.delete(
      '/api/connectors/:kind',
      {
        schema: {
          tags: ['connectors'],
          summary: 'Unlink a share target',
          params: kindParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await connectors.unlink(requirePrincipal(request), request.params.kind);
        return reply.status(204).send(null);
      },
    );
  };
}
