import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema } from '../http/common.schema.js';
import type { AssociationService } from './now-playing-association.service.js';
import type { NowPlayingService } from './now-playing.service.js';
import type { ScrobblerAuth } from './compat/scrobbler-auth.js';
import {
  associationBody,
  associationSchema,
  friendSchema,
  listenSchema,
  listensQuery,
  playBody,
  playSchema,
  settingsBody,
  settingsSchema,
} from './now-playing.schema.js';

const tags = ['now-playing'];

/** Native now-playing API (seed CN102664943A claims 1–10). */
export function nowPlayingRoutes(
  nowPlaying: NowPlayingService,
  association: AssociationService,
  scrobblers: ScrobblerAuth,
  config: Config,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/api/now-playing/association',
      {
        bodyLimit: 25 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Upload my name, number and address book (vCard or JSON) to link me with friends',
          description:
            'Seed claims 2–4, 7–9: the terminal sends its own info and its address book when the player opens. ' +
            'Numbers are normalised to E.164 and stored **only as HMAC-SHA-256 keyed hashes** with a server secret; ' +
            'names and the raw book are never kept. A re-upload replaces the previous book. ' +
            "Direction: **my plays reach B when B's book holds my number**; with `require_mutual`, B's number must also be in mine. " +
            'My number is also my account’s `phone`, and a claim: it links me only once verified (`/api/me/phone`, an admin) ' +
            'or confirmed by the contact whose book holds it; several accounts may claim a number, and nobody is refused. ' +
            'Errors: 400 `invalid_phone`, 400 `invalid_vcard` (details.card, details.line), ' +
            '422 `too_many_cards` (details.cards, details.limit), 503 `vcard_busy`. The book is parsed and hashed in a worker thread ' +
            '(docs/security.md "Address-book parsing limits").',
          body: associationBody,
          response: { 200: associationSchema, 422: errorSchema, 503: errorSchema, ...errorResponses },
        },
      },
      async (request) => association.upload(requirePrincipal(request).accountId, request.body),
    );

    app.get(
      '/api/now-playing/association',
      { schema: { tags, summary: 'Who I am linked with (both directions)', response: { 200: associationSchema, ...errorResponses } } },
      async (request) => association.report(requirePrincipal(request).accountId),
    );

    app.post(
      '/api/now-playing',
      {
        // Authenticated and cheap: no per-IP rate limit, so a household behind one NAT is never throttled.
        config: { scope: 'scrobble' },
        schema: {
          tags,
          summary: 'Report what I am playing now',
          description:
            'API tokens: `scrobble` or `full` scope. Pushed at once as `now-playing.updated` to me and every account I reach (socket.io). ' +
            'It expires after its remaining duration (`duration_ms - position_ms`), or after the server default ' +
            '(KITH_NOW_PLAYING_DEFAULT_MINUTES, 10) when the duration is unknown; then `now-playing.stopped` (reason `expired`). ' +
            'A different item ends the previous one, which becomes a listen when at least half of it (at most 4 min) was played.',
          body: playBody,
          response: { 200: z.object({ playing: playSchema }), ...errorResponses },
        },
      },
      async (request) => ({
        playing: await nowPlaying.submit(requirePrincipal(request).accountId, request.body, 'kith', { autoScrobble: true }),
      }),
    );

    app.delete(
      '/api/now-playing',
      {
        config: { scope: 'scrobble' },
        schema: {
          tags,
          summary: 'Stop: I am not playing anything now',
          description:
            'API tokens: `scrobble` or `full` scope. `now-playing.stopped` (reason `stopped`) reaches everyone who saw the play. Answers 204 even when nothing was playing.',
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await nowPlaying.stop(requirePrincipal(request).accountId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/now-playing',
      {
        schema: {
          tags,
          summary: 'What I am playing now (null when nothing)',
          response: { 200: z.object({ playing: playSchema.nullable() }), ...errorResponses },
        },
      },
      async (request) => ({ playing: await nowPlaying.mine(requirePrincipal(request).accountId) }),
    );

    app.get(
      '/api/now-playing/friends',
      {
        schema: {
          tags,
          summary: 'Friends whose plays reach me, with what they play now and their recent listens',
          description: 'Playing friends first. Private sessions show as not playing; people with sharing off or who hid me are absent.',
          response: { 200: z.object({ friends: z.array(friendSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ friends: await nowPlaying.friends(requirePrincipal(request).accountId) }),
    );

    app.get(
      '/api/now-playing/listens',
      {
        schema: {
          tags,
          summary: 'Listens (finished plays, scrobbles), newest first: mine or a friend’s',
          description: 'Errors: 404 `not_found` when `user` is not a friend whose plays reach me.',
          querystring: listensQuery,
          response: { 200: z.object({ listens: z.array(listenSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        listens: await nowPlaying.listens(requirePrincipal(request).accountId, {
          user: request.query.user,
          limit: request.query.limit,
          before: request.query.before ? Date.parse(request.query.before) : undefined,
        }),
      }),
    );

    app.get(
      '/api/now-playing/settings',
      { schema: { tags, summary: 'My now-playing privacy settings', response: { 200: settingsSchema, ...errorResponses } } },
      async (request) => association.settings(requirePrincipal(request).accountId),
    );

    app.patch(
      '/api/now-playing/settings',
      {
        schema: {
          tags,
          summary: 'Change sharing, mutual links, private session or the hidden-from list',
          description: 'Whoever loses sight of my current play gets `now-playing.stopped` at once. Errors: 400 `unknown_account`.',
          body: settingsBody,
          response: { 200: settingsSchema, ...errorResponses },
        },
      },
      async (request) => association.updateSettings(requirePrincipal(request).accountId, request.body),
    );

    app.get(
      '/api/now-playing/connect',
      {
        schema: {
          tags,
          summary: 'Where players report to: ListenBrainz, Last.fm and Audioscrobbler endpoints of this server',
          response: {
            200: z.object({
              username: z.string(),
              listenbrainz_url: z.string().describe('API root for ListenBrainz clients (they append /1/submit-listens)'),
              lastfm: z.object({ api_url: z.string(), api_key: z.string(), shared_secret: z.string() }),
              audioscrobbler_url: z.string().describe('Handshake URL for Audioscrobbler 1.2 clients such as mpdscribble'),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        return {
          username: p.username,
          listenbrainz_url: config.publicUrl,
          lastfm: { api_url: `${config.publicUrl}/2.0/`, api_key: scrobblers.lastfm.apiKey, shared_secret: scrobblers.lastfm.sharedSecret },
          audioscrobbler_url: `${config.publicUrl}/audioscrobbler/`,
        };
      },
    );

    app.post(
      '/api/now-playing/scrobbler-token',
      {
        schema: {
          tags,
          summary: 'Make a scrobbler token: the password for Audioscrobbler/Last.fm players and the ListenBrainz user token',
          description:
            'An API token of scope `scrobble` (revocable under Settings → API tokens): it reports plays and nothing else, and it is ' +
            'the only scope the scrobbler protocols accept. Its md5 is also kept, because the Audioscrobbler 1.2 handshake proves ' +
            'the password as md5(md5(password) + timestamp). The secret is shown once. Needs a session or a `full` token (403 `insufficient_scope`).',
          // No body at all is the same as `{}` (a player's set-up script may POST nothing): the name defaults.
          body: z.object({ name: z.string().trim().min(1).max(100).default('Scrobbler') }).nullish(),
          response: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await scrobblers.createToken(requirePrincipal(request), request.body?.name ?? 'Scrobbler')),
    );
  };
}
