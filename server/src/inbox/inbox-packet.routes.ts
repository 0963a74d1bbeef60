import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.js';
import { errorResponses, errorSchema } from '../http/common.schema.js';
import { errors } from '../common/errors.js';
import { readInboxRequest, readXmlBody, XML_TYPES } from './inbox-intake.js';
import { accountParams, packetResultSchema } from './inbox.schema.js';
import type { InboxService } from './inbox.service.js';
import type { SenderVerifier } from './sender-verification.js';
import { createWindowCounter } from './window-counter.js';

/**
 * `POST /inbox/{account}`, the public, password-less album inbox (seed CN103369031A claims 4–7, 11–14;
 * docs/architecture.md "Album inbox"), in a plugin scope of its own so its body parsers apply to it alone. Limits, in order:
 * per source IP (before reading), the body caps (while reading), then the recipient's budget, spent
 * by well-formed packets only. The sender is verified from the packet's RFC 9421 signature
 * (sender-verification.ts; docs/security.md "Server-to-server deliveries and the album inbox").
 */
export function inboxPacketRoute(inbox: InboxService, config: Config, verifier: SenderVerifier): FastifyPluginAsyncZod {
  return async (app) => {
    // "Cache the packet" (seed [0077]): in memory, capped while it streams in; raw bytes, for the RFC 9530 digest.
    app.addContentTypeParser(XML_TYPES, (request, payload, done) => {
      readXmlBody(payload, Number(request.headers['content-length'] ?? 0), config.inboxMaxPacketBytes).then(
        (xml) => done(null, xml),
        (e: Error) => done(e, undefined),
      );
    });
    // Any other body (JSON, text, form-urlencoded…) is refused as documented before it is read: 415, not a JSON parse error.
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser('*', (_request, _payload, done) =>
      done(errors.unsupportedMediaType('Send the packet as application/xml, text/xml or multipart/form-data.'), undefined),
    );

    // Per source first (onRequest); the recipient's budget is spent only by well-formed packets (after parsing), so
    // junk from a few addresses cannot lock a recipient's inbox for everyone.
    const perIp = app.rateLimit({ max: config.inboxRatePerIp, timeWindow: '1 minute', keyGenerator: (r) => `inbox-ip|${r.ip}` });
    // @fastify/rate-limit runs one limiter per request, so the recipient's budget (all sources together) is counted here.
    const perRecipient = createWindowCounter(config.inboxRatePerRecipient, 60_000);
    const recipientLimit = (account: string) => {
      if (!perRecipient.take(account))
        throw errors.tooManyRequests('rate_limited', `${account} is receiving too many packets; retry in a minute.`, {
          limit: config.inboxRatePerRecipient,
        });
    };

    app.post(
      '/inbox/:account',
      {
        onRequest: [perIp],
        schema: {
          tags: ['inbox'],
          summary: 'Share pictures into an account’s inbox album (public, no password; each picture must show the recipient)',
          description:
            'Seed CN103369031A claims 4–7, 11–14. Body: the XML packet (`application/xml` or `text/xml`: `<packet><address/><username/>' +
            '<sender_name/><sender_address/><picture name="x.jpg">BASE64</picture>…</packet>`, root optional), or multipart/form-data ' +
            'with a `packet` XML part whose `<picture>` names file parts, or fields `username`, `sender_name`, `sender_address` and ' +
            '`picture` file parts. Each picture is checked against the recipient’s registered reference faces; the answer lists ' +
            'every picture. 200 when at least one was accepted (or already there), 422 when all were refused. Packet errors: ' +
            '404 `unknown_account`, 403 `inbox_closed` / `sender_unverified` / `sender_not_allowed` / `sender_blocked`, 409 `no_reference_face`, ' +
            '400 `invalid_packet`, 413 `packet_too_large` / `too_many_pictures` (KITH_INBOX_MAX_PACKET_BYTES, _MAX_PICTURES, ' +
            '_MAX_PICTURE_BYTES), 415 `unsupported_media_type` (any other body, JSON included), 429 `rate_limited` ' +
            '(KITH_INBOX_RATE_PER_IP a minute, before reading; _PER_RECIPIENT a minute, well-formed packets only). ' +
            'Sender: an XML packet signed with HTTP Message Signatures (RFC 9421: `@method`, `@authority`, `@path`, ' +
            '`content-type`, `content-digest` (RFC 9530 sha-256), `created`, `expires`, `keyid` = `user@host#id` naming ' +
            '`sender_address`, alg `ed25519`) by a key published at `/.well-known/kith-keys/{user}` on that address’s ' +
            'host is verified; anything else is an unverified sender, which an inbox open to contacts only refuses ' +
            '(403 `sender_unverified`). Only the checked still of each picture is stored (first frame, no trailing bytes).',
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
        recipientLimit(request.params.account);
        const check = await verifier.verify(
          { method: request.method, url: `http://${request.headers.host ?? 'localhost'}${request.url}`, headers: request.headers },
          Buffer.isBuffer(request.body) ? request.body : null,
          packet.sender.address,
        );
        const sender = { ...packet.sender, verified: check.verified, unverifiedReason: check.verified ? undefined : check.reason };
        const result = await inbox.receive({ ...packet, sender, sourceIp: request.ip });
        return reply.status(result.accepted > 0 ? 200 : 422).send(result);
      },
    );
  };
}
