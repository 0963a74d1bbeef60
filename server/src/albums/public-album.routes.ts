import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { prefersJson } from '../http/content-negotiation.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { binaryResponse, errorResponses, errorSchema } from '../http/common.schema.js';
import { AppError, errors } from '../common/errors.js';
import { assertNoNul } from '../common/nul-check.js';
import { sendBytes } from '../http/send-bytes.js';
import { linkAssetParams, linkKeyParams, publicAlbumSchema, unlockBody } from './album-links.schema.js';
import { toPublicAlbumDto } from './albums.mapper.js';
import { renderLinkGonePage, renderLinkNotFoundPage } from './public-album-page.js';
import { LINK_UPLOAD_MAX_FILES, type PublicAlbumService } from './public-album.service.js';

const tags = ['album links (public)'];
/** The cookie holding a password-protected link's access token, scoped to that link's API paths. */
const COOKIE = 'kith_link';
/** Header alternative to the cookie for programs. */
const HEADER = 'x-kith-link-token';
const gone = { 410: errorSchema, ...errorResponses };

const tokenOf = (request: FastifyRequest) => (request.headers[HEADER] as string | undefined) ?? request.cookies[COOKIE];
const uploaderName = z.string().trim().min(1).max(80);

/**
 * Public routes of album links: the page `/l/{key}` (the web app, or an HTML 404/410 page) and its API under
 * `/api/l/{key}`. No log-in; the key is the capability. Rate-limited per address (uploads per link and address) and
 * size-limited (KITH_MAX_UPLOAD_BYTES per file, {@link LINK_UPLOAD_MAX_FILES} files per request).
 */
export function publicAlbumRoutes(albums: PublicAlbumService, config: Config): FastifyPluginAsyncZod {
  const limit = { rateLimit: { max: 300, timeWindow: '1 minute' } };
  const unlockLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };
  const uploadLimit = {
    rateLimit: {
      max: 30,
      timeWindow: '1 hour',
      keyGenerator: (r: FastifyRequest) => `link-upload|${(r.params as { key?: string }).key}|${r.ip}`,
    },
  };
  const secure = config.publicUrl.startsWith('https:');

  return async (app) => {
    app.get(
      '/l/:key',
      {
        config: limit,
        errorHandler: linkPageErrors,
        schema: {
          tags,
          summary: 'Public album page (the web app), for anyone with the link',
          description:
            'A person opening an unknown or malformed link gets an HTML 404 page, a revoked or expired one an HTML 410 page ' +
            '(“this link no longer works”); a client whose Accept prefers JSON gets 404 `not_found`, 410 `link_revoked` or `link_expired`.',
          params: linkKeyParams,
        },
      },
      async (request, reply) => {
        await albums.check(request.params.key);
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
        if (typeof reply.sendFile === 'function') return reply.type('text/html; charset=utf-8').sendFile('index.html');
        return reply.type('text/html; charset=utf-8').send('<!doctype html><title>Kith</title><p>The web app is not built.</p>');
      },
    );

    app.get(
      '/api/l/:key',
      {
        config: limit,
        schema: {
          tags,
          summary: 'The album behind a public link: name, owner’s name, photos, what the link allows',
          description:
            'Errors: 404 `not_found`, 410 `link_revoked` / `link_expired`, 401 `link_password_required` (unlock it first: ' +
            '`POST /api/l/{key}/unlock`, then send the cookie or the `X-Kith-Link-Token` header).',
          params: linkKeyParams,
          response: { 200: publicAlbumSchema, ...gone },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return toPublicAlbumDto(await albums.view(request.params.key, tokenOf(request)));
      },
    );

    app.post(
      '/api/l/:key/unlock',
      {
        config: unlockLimit,
        schema: {
          tags,
          summary: 'Enter a link’s password: sets the access cookie and returns the token',
          description:
            'Wrong guesses are throttled per link and per address like log-ins. Errors: 401 `wrong_link_password`, 429 ' +
            '`too_many_login_attempts`, 400 `no_password`, 404 `not_found`, 410 `link_revoked` / `link_expired`.',
          params: linkKeyParams,
          body: unlockBody,
          response: { 200: z.object({ token: z.string() }), 429: errorSchema, ...gone },
        },
      },
      async (request, reply) => {
        const token = await albums.unlock(request.params.key, request.body.password, request.ip);
        reply.setCookie(COOKIE, token, { path: `/api/l/${request.params.key}`, httpOnly: true, sameSite: 'lax', secure });
        return { token };
      },
    );

    app.get(
      '/api/l/:key/assets/:assetId/:kind',
      {
        config: limit,
        schema: {
          tags,
          summary: 'A photo of the album: 250 px thumbnail, 1440 px preview, or the original (when the link allows download)',
          description:
            'Errors: 403 `download_not_allowed`, 404 `not_found` (also a photo not in this album), 410, 401 `link_password_required`.',
          params: linkAssetParams,
          response: { 200: binaryResponse('The image', 'image/*'), 403: errorSchema, ...gone },
        },
      },
      async (request, reply) => {
        const { key, assetId, kind } = request.params;
        const b = await albums.blob(key, tokenOf(request), assetId, kind);
        if (kind === 'original')
          reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(b.asset.original_name)}`);
        return sendBytes(reply, b, 300);
      },
    );

    app.post(
      '/api/l/:key/assets',
      {
        config: uploadLimit,
        schema: {
          tags,
          summary: 'Add photos through a link that allows upload (multipart: a `name` field first, then the files)',
          description:
            `The photos join the album credited to \`name\` (1–80 characters). At most ${LINK_UPLOAD_MAX_FILES} files per request, ` +
            'each verified like any upload (per-file 413 `payload_too_large`, 415, 422). Errors: 403 `upload_not_allowed`, ' +
            '400 `uploader_name_required`, 400 `no_files`, 413 `too_many_files`, 429, 404, 410, 401 `link_password_required`.',
          consumes: ['multipart/form-data'],
          params: linkKeyParams,
          response: {
            200: z.object({
              results: z.array(
                z.object({
                  filename: z.string(),
                  status: z.enum(['created', 'duplicate', 'failed']),
                  error: z.object({ code: z.string(), message: z.string() }).optional(),
                }),
              ),
              added: z.number().int().describe('Photos new to the album'),
            }),
            403: errorSchema,
            413: errorSchema,
            429: errorSchema,
            ...gone,
          },
        },
      },
      async (request) => {
        if (!request.isMultipart()) throw errors.unsupportedMediaType('Send photos as multipart/form-data.');
        const upload = await albums.uploader(request.params.key, tokenOf(request));
        let name: string | undefined;
        const results: Array<{ filename: string; status: 'created' | 'duplicate' | 'failed'; error?: { code: string; message: string } }> =
          [];
        try {
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              if (part.fieldname === 'name') {
                assertNoNul(String(part.value), 'name');
                const parsed = uploaderName.safeParse(String(part.value));
                if (!parsed.success)
                  throw errors.badRequest('uploader_name_required', 'Give your name (1–80 characters) before the photos.');
                name = parsed.data;
              }
              continue;
            }
            if (!name) throw errors.badRequest('uploader_name_required', 'Give your name (the `name` field) before the photos.');
            if (results.length >= LINK_UPLOAD_MAX_FILES)
              throw errors.tooLarge('too_many_files', `At most ${LINK_UPLOAD_MAX_FILES} photos per upload; send the rest in another.`);
            const r = await upload.add({ stream: part.file, filename: part.filename.replaceAll('\u0000', '\ufffd') }, name);
            results.push({
              filename: r.filename,
              status: r.status,
              ...(r.error ? { error: { code: r.error.code, message: r.error.message } } : {}),
            });
          }
        } finally {
          await upload.finish();
        }
        if (!results.length) throw errors.badRequest('no_files', 'The request holds no file: add one or more photos.');
        return { results, added: upload.added() };
      },
    );
  };
}

/**
 * Error handler of the page `/l/{key}`: a person with a browser sees an HTML page (404 for an unknown or malformed key,
 * 410 for a revoked or expired link), like the region-share page `/s/{id}`; a client whose Accept prefers JSON gets the
 * usual `{ code, message }`. Other errors go to the global handler.
 */
function linkPageErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error instanceof AppError ? error.statusCode : error.validation !== undefined ? 404 : 0;
  if ((status !== 404 && status !== 410) || prefersJson(request.headers.accept)) throw error;
  const html = status === 410 ? renderLinkGonePage((error as AppError).code) : renderLinkNotFoundPage();
  void reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
