import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { requirePrincipal } from '../http/auth.js';
import { decodeCursor, encodeCursor } from '../common/timeline-cursor.js';
import { errorResponses, idParams } from '../http/common.schema.js';
import { inboxPacketRoute } from './inbox-packet.routes.js';
import { toBlockDto, toDropDto, toInboxItemDto } from './inbox.mapper.js';
import {
  blockSchema,
  createBlockBody,
  discoverySchema,
  droppedSchema,
  inboxItemSchema,
  itemsQuery,
  policySchema,
  settingsSchema,
} from './inbox.schema.js';
import type { InboxService } from './inbox.service.js';
import type { SenderVerifier } from './sender-verification.js';

/**
 * The album inbox (seed CN103369031A claims 4–7, 11–14): the public, password-less
 * `POST /inbox/{account}` (inbox-packet.routes.ts) with its discovery document, and the owner's
 * controls under `/api/inbox`.
 */
export function inboxRoutes(inbox: InboxService, config: Config, verifier: SenderVerifier): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/.well-known/kith-inbox',
      {
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['inbox'],
          summary: 'Where and how to post pictures to this server’s album inboxes (formats and limits)',
          security: [],
          response: { 200: discoverySchema },
        },
      },
      async () => ({
        version: 1 as const,
        inbox: '/inbox/{account}',
        formats: ['xml' as const, 'multipart' as const],
        maxPacketBytes: config.inboxMaxPacketBytes,
        maxPictures: config.inboxMaxPictures,
        maxPictureBytes: config.inboxMaxPictureBytes,
      }),
    );

    // The public packet door in a scope of its own: its body parsers (XML kept raw, everything else 415) stay off the owner's JSON routes.
    await app.register(inboxPacketRoute(inbox, config, verifier));

    const owner = { tags: ['inbox'] };
    app.get(
      '/api/inbox/settings',
      { schema: { ...owner, summary: 'My inbox policy and inbox album', response: { 200: settingsSchema, ...errorResponses } } },
      async (request) => inbox.settings(requirePrincipal(request)),
    );
    app.put(
      '/api/inbox/settings',
      {
        schema: {
          ...owner,
          summary: 'Set my inbox policy: open (the document’s behaviour), contacts only, or off',
          body: z.object({ policy: policySchema }),
          response: { 200: settingsSchema, ...errorResponses },
        },
      },
      async (request) => inbox.setPolicy(requirePrincipal(request), request.body.policy),
    );
    app.get(
      '/api/inbox/blocks',
      {
        schema: {
          ...owner,
          summary: 'Senders and hosts my inbox refuses',
          response: { 200: z.object({ blocks: z.array(blockSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ blocks: (await inbox.blocks(requirePrincipal(request))).map(toBlockDto) }),
    );
    app.post(
      '/api/inbox/blocks',
      {
        schema: {
          ...owner,
          summary: 'Block a sender (user@host) or a host (name, name:port or IP); answers 403 sender_blocked to them',
          description: 'Errors: 400 `invalid_block`. Adding an existing block returns it.',
          body: createBlockBody,
          response: { 201: blockSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toBlockDto(await inbox.addBlock(requirePrincipal(request), request.body.kind, request.body.value))),
    );
    app.delete(
      '/api/inbox/blocks/:id',
      { schema: { ...owner, summary: 'Remove a block', params: idParams, response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        await inbox.deleteBlock(requirePrincipal(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/inbox/dropped',
      {
        schema: {
          ...owner,
          summary: 'Pictures my inbox dropped: counts by reason and the 100 latest entries (no image is kept)',
          response: { 200: droppedSchema, ...errorResponses },
        },
      },
      async (request) => {
        const d = await inbox.dropped(requirePrincipal(request));
        return { counts: d.counts, entries: d.entries.map(toDropDto) };
      },
    );
    app.get(
      '/api/inbox',
      {
        schema: {
          ...owner,
          summary: 'Pictures shared with me (my inbox album), newest first, with each sender’s claimed name and address',
          querystring: itemsQuery,
          response: {
            200: z.object({ albumId: z.string().nullable(), items: z.array(inboxItemSchema), nextBefore: z.string().nullable() }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { limit, before } = request.query;
        const cursor = before ? decodeCursor(before) : undefined;
        const { rows, assets } = await inbox.items(principal, limit, cursor && { at: cursor.capturedAt, assetId: cursor.id });
        const dtos = new Map(assets.map((a) => [a.id, a]));
        return {
          albumId: (await inbox.settings(principal)).albumId,
          items: rows.map((r) => toInboxItemDto(r, dtos.get(r.asset_id)!)),
          nextBefore: rows.length === limit ? encodeCursor(rows[rows.length - 1].received_at, rows[rows.length - 1].asset_id) : null,
        };
      },
    );
  };
}
