import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccountsService } from '../../accounts/accounts.service.js';
import type { Principal } from '../../common/principal.js';
import type { NowPlayingService } from '../now-playing.service.js';
import { ListenBrainzError } from './listenbrainz-validate.js';

const tags = ['compat-listenbrainz'];
const lbError = z.object({ code: z.number().int(), error: z.string() }).meta({ id: 'ListenBrainzError' });
const errorResponses = { 400: lbError, 401: lbError, 404: lbError, 429: lbError };
const trackMetadata = z.record(z.string(), z.unknown());

/** ListenBrainz's default and largest page of `GET /1/user/{name}/listens` (its DEFAULT_ITEMS_PER_GET, MAX_ITEMS_PER_GET). */
const LISTENS_DEFAULT = 25;
const LISTENS_MAX = 1000;

/** A play or listen as ListenBrainz's `track_metadata` (https://listenbrainz.readthedocs.io/en/latest/users/json.html). */
const toTrackMetadata = (p: {
  artist: string;
  title: string;
  album: string | null;
  duration_ms: number | null;
  source_url: string | null;
  player: string | null;
}) => ({
  artist_name: p.artist,
  track_name: p.title,
  ...(p.album ? { release_name: p.album } : {}),
  additional_info: {
    ...(p.duration_ms ? { duration_ms: p.duration_ms } : {}),
    ...(p.source_url ? { origin_url: p.source_url } : {}),
    ...(p.player ? { media_player: p.player } : {}),
  },
});

/**
 * ListenBrainz's read endpoints for a user, and a ListenBrainz-shaped 404 for every other path under `/1/`
 * (so a client asking for something Kith does not implement gets `{ code: 404, error }`, not the web app's HTML).
 * Registered inside {@link listenBrainzRoutes}, whose error handler answers in ListenBrainz's shape.
 *
 * Privacy: listenbrainz.org serves these to anyone; Kith shows a user's plays only to the user and to friends whose
 * book holds their number (docs/security.md "Phone numbers and now playing"). Anyone else, anonymous callers included,
 * gets 404 `Cannot find user: <name>`, exactly as for a name that does not exist, so existence does not leak.
 * An `Authorization: Token` that is present but wrong is still 401, as on ListenBrainz.
 */
export function listenBrainzReadRoutes(
  nowPlaying: NowPlayingService,
  accounts: AccountsService,
  tokenUser: (request: FastifyRequest) => Promise<Principal>,
): FastifyPluginAsyncZod {
  return async (app) => {
    /** The account `name` when the caller may see its plays. @throws ListenBrainzError 404 otherwise, 401 for a bad token. */
    async function visibleUser(request: FastifyRequest, name: string) {
      const viewer = request.headers.authorization?.startsWith('Token ') ? await tokenUser(request) : request.principal;
      const owner = viewer && (await accounts.findByUsername(name.toLowerCase()));
      const visible = owner && (owner.id === viewer.accountId || (await nowPlaying.friendIds(viewer.accountId)).includes(owner.id));
      if (!owner || !visible) throw new ListenBrainzError(404, `Cannot find user: ${name}`);
      return { viewer, owner };
    }
    const nameParams = z.object({ name: z.string().min(1).max(100) });

    app.get(
      '/1/user/:name/playing-now',
      {
        config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: "ListenBrainz: a user's playing-now listen",
          description:
            'Same JSON as ListenBrainz. Unlike listenbrainz.org it is not public: the caller (token or session) must be the user ' +
            "or a friend whose book holds the user's number; anyone else, anonymous callers included, gets 404 `Cannot find user`, " +
            'so existence does not leak. 401 only for an `Authorization: Token` that is wrong. Other paths under /1/ that Kith ' +
            "does not implement answer 404 in ListenBrainz's `{ code, error }` shape.",
          params: nameParams,
          response: {
            200: z.object({
              payload: z.object({
                count: z.number().int(),
                user_id: z.string(),
                playing_now: z.literal(true),
                listens: z.array(z.object({ playing_now: z.literal(true), track_metadata: trackMetadata })),
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { viewer, owner } = await visibleUser(request, request.params.name);
        const play =
          owner.id === viewer.accountId
            ? await nowPlaying.mine(owner.id)
            : (await nowPlaying.friends(viewer.accountId)).find((f) => f.user.id === owner.id)?.playing;
        const listens = play ? [{ playing_now: true as const, track_metadata: toTrackMetadata(play) }] : [];
        return { payload: { count: listens.length, user_id: owner.username, playing_now: true as const, listens } };
      },
    );

    app.get(
      '/1/user/:name/listens',
      {
        config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: "ListenBrainz: a user's listens, newest first",
          description:
            `Same JSON as ListenBrainz (https://listenbrainz.readthedocs.io/en/latest/users/api/core.html): \`count\` (default ${LISTENS_DEFAULT}, ` +
            `at most ${LISTENS_MAX}) listens before \`max_ts\` (Unix seconds, exclusive). \`min_ts\` is not supported (400). ` +
            'Visible to the same callers as playing-now (404 `Cannot find user` for anyone else).',
          params: nameParams,
          querystring: z.object({
            count: z.coerce.number().int().min(0).max(LISTENS_MAX).default(LISTENS_DEFAULT),
            max_ts: z.coerce.number().int().positive().optional(),
            min_ts: z.coerce.number().int().positive().optional(),
          }),
          response: {
            200: z.object({
              payload: z.object({
                count: z.number().int(),
                user_id: z.string(),
                latest_listen_ts: z.number().int(),
                listens: z.array(
                  z.object({
                    listened_at: z.number().int(),
                    user_name: z.string(),
                    recording_msid: z.string(),
                    track_metadata: trackMetadata,
                  }),
                ),
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        if (request.query.min_ts !== undefined)
          throw new ListenBrainzError(400, 'min_ts is not supported by this server; page with max_ts.');
        const { viewer, owner } = await visibleUser(request, request.params.name);
        const rows =
          request.query.count === 0
            ? []
            : await nowPlaying.listens(viewer.accountId, {
                user: owner.id,
                limit: request.query.count,
                ...(request.query.max_ts ? { before: request.query.max_ts * 1000 } : {}),
              });
        const listens = rows.map((l) => ({
          listened_at: Math.floor(Date.parse(l.listened_at) / 1000),
          user_name: owner.username,
          recording_msid: l.id,
          track_metadata: toTrackMetadata(l),
        }));
        return {
          payload: { count: listens.length, user_id: owner.username, latest_listen_ts: listens[0]?.listened_at ?? 0, listens },
        };
      },
    );

    app.route({
      method: ['GET', 'POST'],
      url: '/1/*',
      config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
      // Hidden from openapi.json: a catch-all is not an operation (the playing-now and listens descriptions mention it).
      schema: { hide: true },
      handler: async (request) => {
        throw new ListenBrainzError(404, `Kith does not implement ${request.method} ${request.url.split('?')[0]} of the ListenBrainz API.`);
      },
    });
  };
}
