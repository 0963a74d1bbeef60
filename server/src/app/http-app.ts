import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from 'helmet';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Container } from './container.js';
import { accountsRoutes } from '../accounts/accounts.routes.js';
import { referenceFacesRoutes } from '../faces/reference-faces.routes.js';
import { securityRoutes } from '../accounts/security.routes.js';
import { contactsRoutes } from '../contacts/contacts.routes.js';
import { linkQuestionsRoutes } from '../contacts/link-questions.routes.js';
import { emailVerificationRoutes } from '../accounts/email-verification.routes.js';
import { albumsRoutes } from '../albums/albums.routes.js';
import { albumSharingRoutes } from '../albums/album-sharing.routes.js';
import { publicAlbumRoutes } from '../albums/public-album.routes.js';
import { assetsRoutes } from '../assets/assets.routes.js';
import { trashRoutes } from '../assets/trash.routes.js';
import { searchRoutes } from '../search/search.routes.js';
import { libraryViewsRoutes } from '../assets/library-views.routes.js';
import { eventsRoutes } from '../events/events.routes.js';
import { contactPhotoRoutes } from '../faces/contact-photo.routes.js';
import { facesRoutes } from '../faces/faces.routes.js';
import { peopleRoutes } from '../faces/people.routes.js';
import { mergeSuggestionsRoutes } from '../faces/merge-suggestions.routes.js';
import { connectorsRoutes } from '../connectors/connectors.routes.js';
import { carddavRoutes } from '../carddav/carddav.routes.js';
import { pageImagesRoutes } from '../region-shares/page-images.routes.js';
import { regionSharesRoutes } from '../region-shares/region-shares.routes.js';
import { siteKeysRoutes } from '../region-shares/site-keys.routes.js';
import { publicShareRoutes } from '../region-shares/public-share.routes.js';
import { routingRoutes } from '../routing/routing.routes.js';
import { nowPlayingRoutes } from '../now-playing/now-playing.routes.js';
import { nowPlayingConfirmationsRoutes } from '../now-playing/now-playing-confirmations.routes.js';
import { phoneRoutes } from '../phone/phone.routes.js';
import { listenBrainzRoutes } from '../now-playing/compat/listenbrainz.routes.js';
import { lastfmRoutes } from '../now-playing/compat/lastfm.routes.js';
import { audioscrobblerRoutes } from '../now-playing/compat/audioscrobbler.routes.js';
import { inboxRoutes } from '../inbox/inbox.routes.js';
import { signingKeysRoutes } from '../signing/signing-keys.routes.js';
import { exchangesRoutes } from '../exchanges/exchanges.routes.js';
import { guestExchangesRoutes } from '../exchanges/guest-exchanges.routes.js';
import { apiDocsOptions } from '../http/api-docs.js';
import { installAuth } from '../http/auth.js';
import { frameworkErrors, installErrorHandler, MAX_PARAM_LENGTH } from '../http/error-handler.js';
import { healthRoutes } from '../http/health.routes.js';
import { createOriginPolicy } from '../common/origin-policy.js';
import { installNulGuard } from '../http/nul-guard.js';
import { loggerOptions } from '../http/log-redact.js';
import { nameOperations, OPENAPI_SERVERS } from '../http/openapi-operations.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built web app (`npm run build -w web`). */
export const WEB_DIST = path.resolve(here, '../../../web/dist');

export interface BuildAppOptions {
  logger?: boolean | object;
  /** A ready pino logger shared with the container (jobs, compositor), so their failures reach the same log. */
  loggerInstance?: FastifyBaseLogger;
  /** Serve the built web app at `/`; off in API-only tests. */
  serveWeb?: boolean;
}

/**
 * Builds the Fastify app on a wired {@link Container}: plugins, auth, every route,
 * the OpenAPI document at `/api/docs`, the web app, and socket.io once listening.
 */
export async function buildApp(c: Container, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // main.ts passes its own pino instance (built with the same redacting serializer, see log-redact.ts).
    ...(opts.loggerInstance ? { loggerInstance: opts.loggerInstance } : { logger: opts.logger ?? loggerOptions(c.config.logLevel) }),
    // Explicit timeouts: a stalled client cannot pin a socket forever.
    connectionTimeout: 0,
    requestTimeout: 10 * 60_000,
    keepAliveTimeout: 72_000,
    bodyLimit: 2 * 1024 * 1024,
    // Off unless configured: a forged X-Forwarded-For must not dodge the public endpoints' per-IP limits.
    trustProxy: c.config.trustProxy,
    // The router's own refusals (a path parameter over the limit, a bad percent-encoding) in Kith's error shape.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
  });
  // A cross-site <form enctype="text/plain"> posts without a CORS preflight; no route reads plain text,
  // so such a body is refused at once with 415 `unsupported_media_type` instead of reaching a JSON route.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveWeb = opts.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  installErrorHandler(app, { spaFallback: serveWeb });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kith API',
        version: '0.1.0',
        description:
          'Self-hosted sharing cloud: accounts, contacts, albums, events, faces and people, region shares.\n\n' +
          'Errors every operation may answer: 403 `cross_origin_refused` (a POST/PUT/PATCH/DELETE authenticated by the session ' +
          'cookie, or a log-in, from a page of another origin: send it from Kith itself, with an API token, or list the origin in ' +
          'KITH_ALLOWED_ORIGINS); 400 `invalid_request` (a NUL character in any text); 414 `param_too_long` (a path segment over ' +
          '100 characters); 413 `too_many_fields` (a multipart form with more than 100 fields). See docs/security.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kith_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
      servers: OPENAPI_SERVERS,
    },
    transform: jsonSchemaTransform,
    // Every operation gets an operationId (openapi-operations.ts): the SDK's named methods.
    transformObject: (doc) => nameOperations(jsonSchemaTransformObject(doc)),
  });
  await app.register(swaggerUi, apiDocsOptions());
  // Security headers from helmet, its middleware built once: @fastify/helmet calls helmet(options)
  // again on every request (parsing the CSP each time, ~14 µs per request in the now-playing profile).
  // HSTS and upgrade-insecure-requests only when Kith is served over https: on a plain-http install (a home
  // server reached at http://192.168.x.y) the browser would otherwise upgrade every script and image to https and fail.
  const https = c.config.publicUrl.startsWith('https:');
  const securityHeaders = helmet({
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: https ? [] : null,
        defaultSrc: ["'self'"],
        // https: for now-playing cover art, which players send as remote URLs.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error)));
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    // Oversized files are reported per file (413) instead of aborting the whole batch.
    throwFileSizeLimit: false,
    limits: { fileSize: c.config.maxUploadBytes, files: 1000, fields: 100, fieldSize: 1024 * 1024, parts: 2000 },
  });
  // Cross-site request forgery: signed-in changes and socket.io with the cookie only from Kith's own pages.
  const origins = createOriginPolicy(c.config.publicUrl, c.config.allowedOrigins);
  installAuth(app, c.accounts, origins);
  installNulGuard(app);

  await app.register(healthRoutes(c.database));

  await app.register(accountsRoutes(c.accounts, c.config));
  await app.register(emailVerificationRoutes(c.emailVerification, c.config));
  await app.register(securityRoutes(c.accounts.passwords));
  await app.register(referenceFacesRoutes(c.referenceFaces));
  await app.register(contactsRoutes(c.contacts));
  await app.register(linkQuestionsRoutes(c.linkQuestions));
  await app.register(libraryViewsRoutes(c.libraryViews));
  await app.register(assetsRoutes(c.assets, c.trash, c.libraryViews));
  await app.register(trashRoutes(c.trash));
  await app.register(searchRoutes(c.search));
  await app.register(albumsRoutes(c.albums));
  await app.register(albumSharingRoutes(c.albumLinks, c.albumMembers));
  await app.register(publicAlbumRoutes(c.publicAlbums, c.config));
  await app.register(eventsRoutes(c.events, c.eventSharing, c.albums, c.assets));
  await app.register(facesRoutes(c.faces));
  await app.register(peopleRoutes(c.people));
  await app.register(mergeSuggestionsRoutes(c.mergeSuggestions));
  await app.register(contactPhotoRoutes(c.contactPhotos, c.config));
  await app.register(regionSharesRoutes(c.regionShares, c.siteKeys, c.config));
  await app.register(pageImagesRoutes(c.pageImages));
  await app.register(siteKeysRoutes(c.siteKeys));
  await app.register(connectorsRoutes(c.connectors));
  await app.register(carddavRoutes(c.carddav));
  await app.register(publicShareRoutes(c.regionShares));
  await app.register(inboxRoutes(c.inbox, c.config, c.senderVerifier));
  await app.register(signingKeysRoutes(c.signingKeys));
  await app.register(routingRoutes(c.routing));
  await app.register(nowPlayingRoutes(c.nowPlaying, c.association, c.scrobblers, c.config));
  await app.register(nowPlayingConfirmationsRoutes(c.confirmations));
  await app.register(phoneRoutes(c.phones));
  // Scrobbling clients speak their own protocols at their own paths (/1/, /2.0/, /audioscrobbler/).
  await app.register(listenBrainzRoutes(c.nowPlaying, c.accounts, c.scrobblers));
  await app.register(lastfmRoutes(c.nowPlaying, c.accounts, c.scrobblers));
  await app.register(audioscrobblerRoutes(c.nowPlaying, c.scrobblers, c.config));
  await app.register(exchangesRoutes(c.exchanges, c.config));
  await app.register(guestExchangesRoutes(c.exchanges, c.config));

  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  // Client-side routes (/library, /events/…) fall back to index.html in the not-found handler.
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: 'index.html' });

  app.addHook('onReady', async () => {
    await c.realtime.attach(app.server, c.accounts, (token) => c.exchanges.guests.roomOf(token), origins);
  });
  return app;
}
