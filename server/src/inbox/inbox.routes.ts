import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toAssetDtos } from '../assets/assets.mapper.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { requirePrincipal } from '../http/auth.js';
import { decodeCursor, encodeCursor } from '../http/timeline-cursor.js';
import { AppError } from '../http/errors.js';
import { createWindowCounter } from './window-counter.js';
import { errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { readInboxRequest, readXmlBody, XML_TYPES } from './inbox-intake.js';
import { toBlockDto, toDropDto, toInboxItemDto } from './inbox.mapper.js';
import {
  accountParams,
  blockSchema,
  createBlockBody,
  discoverySchema,
  droppedSchema,
  inboxItemSchema,
  itemsQuery,
  packetResultSchema,
  policySchema,
  settingsSchema,
} from './inbox.schema.js';
import type { InboxService } from './inbox.service.js';

/**
 * The album inbox (seed CN103369031A claims 4–7, 11–14; CONTRACT-4): the public, password-less
 * `POST /inbox/{account}` with its discovery document, and the owner's controls under `/api/inbox`.
 * Encapsulated so the XML body parser applies to the inbox only.
 */
export function inboxRoutes(inbox: InboxService, config: Config, db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    // "Cache the packet" (seed [0077]): in memory, capped while it streams in.
    app.addContentTypeParser(XML_TYPES, (request, payload, done) => {
      readXmlBody(payload, Number(request.headers['content-length'] ?? 0), config.inboxMaxPacketBytes).then(
        (xml) => done(null, xml),
        (e: Error) => done(e, undefined),
      );
    });

    const perIp = app.rateLimit({ max: config.inboxRatePerIp, timeWindow: '1 minute', keyGenerator: (r) => `inbox-ip|${r.ip}` });
    // @fastify/rate-limit runs one limiter per request, so the recipient's budget (all sources together) is counted here.
    const perRecipient = createWindowCounter(config.inboxRatePerRecipient, 60_000);
    const recipientLimit = async (request: FastifyRequest) => {
      const account = (request.params as { account?: string }).account ?? '';
      if (!perRecipient.take(account))
        throw new AppError(429, 'rate_limited', `${account} is receiving too many packets; retry in a minute.`, {
          limit: config.inboxRatePerRecipient,
        });
    };

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

    app.post(
      '/inbox/:account',
      {
        onRequest: [perIp, recipientLimit],
        schema: {
          tags: ['inbox'],
          summary: 'Share pictures into an account’s inbox album (public, no password; each picture must show the recipient)',
          description:
            'Seed CN103369031A claims 4–7, 11–14. Body: the XML packet (`application/xml` or `text/xml`: `<packet><address/><username/>' +
            '<sender_name/><sender_address/><picture name="x.jpg">BASE64</picture>…</packet>`, root optional), or multipart/form-data ' +
            'with a `packet` XML part whose `<picture>` names file parts, or fields `username`, `sender_name`, `sender_address` and ' +
            '`picture` file parts. Each picture is checked against the recipient’s registered reference faces; the answer lists ' +
            'every picture. 200 when at least one was accepted (or already there), 422 when all were refused. Packet errors: ' +
            '404 `unknown_account`, 403 `inbox_closed` / `sender_not_allowed` / `sender_blocked`, 409 `no_reference_face`, ' +
            '400 `invalid_packet`, 413 `packet_too_large` / `too_many_pictures` (KITH_INBOX_MAX_PACKET_BYTES, _MAX_PICTURES, ' +
            '_MAX_PICTURE_BYTES), 415 `unsupported_media_type`, 429 `rate_limited` (KITH_INBOX_RATE_PER_IP, _PER_RECIPIENT a minute).',
          security: [],
          consumes: ['application/xml', 'text/xml', 'multipart/form-data'],
          params: accountParams,
          response: {
            200: packetResultSchema,
            422: packetResultSchema,
            403: errorSchema,
            409: errorSchema,
            413: errorSchema,
            415: errorSchema,
            429: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const packet = await readInboxRequest(request, request.params.account, config);
        const result = await inbox.receive({ ...packet, sourceIp: request.ip });
        return reply.status(result.accepted > 0 ? 200 : 422).send(result);
      },
    );

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
        const dtos = new Map((await toAssetDtos(db, assets)).map((a) => [a.id, a]));
        return {
          albumId: (await inbox.settings(principal)).albumId,
          items: rows.map((r) => toInboxItemDto(r, dtos.get(r.asset_id)!)),
          nextBefore: rows.length === limit ? encodeCursor(rows[rows.length - 1].received_at, rows[rows.length - 1].asset_id) : null,
        };
      },
    );
  };
}
