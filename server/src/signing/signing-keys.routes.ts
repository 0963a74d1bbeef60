import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, idParams } from '../http/common.schema.js';
import { createSigningKeyBody, issuedKeySchema, publishedKeySchema, publishedKeysSchema, usernameParams } from './signing-keys.schema.js';
import type { SigningKeysService } from './signing-keys.service.js';

/**
 * Signing keys for RFC 9421 inbox deliveries: published per account under `/.well-known/kith-keys/`
 * (as Mastodon publishes actor keys for its HTTP signatures), and issued to the account's own
 * terminal under `/api/me/signing-keys` (docs/security.md "Server-to-server deliveries").
 */
export function signingKeysRoutes(keys: SigningKeysService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/.well-known/kith-keys/:username',
      {
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['inbox'],
          summary: 'An account’s public signing keys, which other servers verify its inbox deliveries with (RFC 9421)',
          description:
            'Public. `owner` is the account’s Kith address; each key’s `keyid` is `owner#id`. Revoked keys are left out. ' +
            'Errors: 404 `unknown_account`.',
          security: [],
          params: usernameParams,
          response: { 200: publishedKeysSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.header('cache-control', 'public, max-age=300').send(await keys.published(request.params.username)),
    );

    app.post(
      '/api/me/signing-keys',
      {
        schema: {
          tags: ['inbox'],
          summary: 'Issue a signing key for my terminal (`kith share --signing-key`)',
          description:
            'Makes an Ed25519 key pair, publishes its public half under `/.well-known/kith-keys/{me}` and returns the private ' +
            'half (PKCS#8 PEM) in this answer only. Packets signed with it count as sent by me (RFC 9421). Save the whole ' +
            'answer as a JSON file and pass it to `kith share --signing-key FILE` (or `KITH_SIGNING_KEY`).',
          body: createSigningKeyBody,
          response: { 201: issuedKeySchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await keys.issue(requirePrincipal(request), request.body.name)),
    );

    app.get(
      '/api/me/signing-keys',
      {
        schema: {
          tags: ['inbox'],
          summary: 'My signing keys (the server’s and those issued to terminals), revoked ones included',
          response: { 200: z.object({ keys: z.array(publishedKeySchema) }), ...errorResponses },
        },
      },
      async (request) => ({ keys: await keys.list(requirePrincipal(request)) }),
    );

    app.delete(
      '/api/me/signing-keys/:id',
      {
        schema: {
          tags: ['inbox'],
          summary: 'Revoke a signing key issued to a terminal; it is unpublished at once',
          description: 'Errors: 404 `not_found` (not mine, already revoked, or the server’s own key).',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await keys.revoke(requirePrincipal(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
