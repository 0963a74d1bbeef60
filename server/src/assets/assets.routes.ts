import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendBytes } from '../http/send-bytes.js';
import { requirePrincipal } from '../http/auth.js';
import { binaryResponse, errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { errors } from '../common/errors.js';
import { assertNoNul, nulRefused } from '../common/nul-check.js';
import {
  assetSchema,
  derivativeKind,
  existsBody,
  existsResponseSchema,
  markerSchema,
  MAX_EXISTS_CHECKSUMS,
  timelineQuery,
  uploadResponseSchema,
} from './assets.schema.js';
import type { AssetsService, IngestResult } from './assets.service.js';
import { parseUploadSidecar, type UploadSidecar } from './upload-sidecar.js';
import { forceQuery } from './trash.schema.js';
import type { TrashService } from './trash.service.js';
import type { LibraryViewsService } from './library-views.service.js';

/** Upload, timeline, single asset, derivatives and deletion. */
export function assetsRoutes(assets: AssetsService, trash: TrashService, views: LibraryViewsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/assets',
      {
        config: { scope: 'upload' },
        schema: {
          tags: ['assets'],
          summary: 'Upload photos (multipart, streamed, per-file results)',
          description:
            'API tokens: `upload` or `full` scope. multipart/form-data: an optional `event` text field (explicit event marker for every file; send it before the files), ' +
            'then one or more files under any field name. An optional `sidecar` text field, a JSON object ' +
            '(`capturedAt` ISO 8601, `latitude`/`longitude` WGS 84 degrees, `description`, `people` names), describes the *next* file only: ' +
            "the server uses each of its fields where the file's own EXIF/XMP lacks it (capture time then has `capturedAtSource` `client`), " +
            'and keeps `people` as name suggestions for People (GET /api/people/{id}/name-suggestions). A duplicate sent with a sidecar gets what it lacked filled in. ' +
            'A bad sidecar fails the request: 400 `invalid_sidecar`. Each file is verified by decoding (JPEG, PNG, WebP, AVIF, GIF, TIFF). ' +
            'Per-file errors: 413 `payload_too_large`, 415 `unsupported_media_type`, 422 `invalid_image`, 422 `image_too_large`. ' +
            "A failed file does not fail the others; when every file failed the answer carries the first failure's status. " +
            'Same bytes again give the existing asset (`duplicate`); one in the trash comes back to the library (`restored`), as Immich does.',
          consumes: ['multipart/form-data'],
          response: { 200: uploadResponseSchema, 413: errorSchema, 415: errorSchema, 422: errorSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!request.isMultipart()) throw errors.unsupportedMediaType('Send photos as multipart/form-data.');
        const results: IngestResult[] = [];
        let eventTag: string | undefined;
        let sidecar: UploadSidecar | undefined;
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === 'event') {
              assertNoNul(part.value, 'event');
              const parsed = markerSchema.safeParse(String(part.value));
              if (!parsed.success) throw errors.badRequest('invalid_event', 'The `event` field must be 1–120 characters.');
              eventTag = parsed.data;
            } else if (part.fieldname === 'sidecar') {
              assertNoNul(part.value, 'sidecar');
              sidecar = parseUploadSidecar(String(part.value));
            }
            continue;
          }
          const fileSidecar = sidecar;
          sidecar = undefined;
          if (part.filename.includes('\u0000')) {
            // That file fails like any other bad file (400 `invalid_request`); the others go on.
            part.file.resume();
            results.push({ filename: part.filename.replaceAll('\u0000', '\ufffd'), status: 'failed', error: nulRefused(['filename']) });
            continue;
          }
          results.push(await assets.ingestFile(principal, { stream: part.file, filename: part.filename, sidecar: fileSidecar }));
        }
        if (!results.length) throw errors.badRequest('no_files', 'The request holds no file: add one or more image files.');
        await assets.afterBatch(
          principal,
          results.filter((r) => r.status === 'created').map((r) => r.asset!.id),
          eventTag,
        );
        const dtos = await assets.toDtos(results.flatMap((r) => (r.asset ? [r.asset] : [])));
        const byId = new Map(dtos.map((d) => [d.id, d]));
        const body = {
          results: results.map((r) => ({
            filename: r.filename,
            status: r.status,
            ...(r.asset ? { asset: byId.get(r.asset.id) } : {}),
            ...(r.error ? { error: { code: r.error.code, message: r.error.message } } : {}),
            ...(r.restored ? { restored: true } : {}),
          })),
          created: results.filter((r) => r.status === 'created').length,
          duplicates: results.filter((r) => r.status === 'duplicate').length,
          failed: results.filter((r) => r.status === 'failed').length,
        };
        const firstError = results[0].error;
        if (body.failed === results.length && firstError)
          return reply
            .status(firstError.statusCode as 413)
            .send({ code: firstError.code, message: firstError.message, details: { results: body.results } } as never);
        return body;
      },
    );

    app.post(
      '/api/assets/exists',
      {
        // A read that needs a body (up to 1,000 digests do not fit a query string): read scope is enough.
        config: { scope: 'read' },
        schema: {
          tags: ['assets'],
          summary: 'Which of these checksums do I already have? (bulk upload check)',
          description:
            `API tokens: \`read\`, \`upload\` or \`full\` scope. Body: \`checksums\`, 1–${MAX_EXISTS_CHECKSUMS} SHA-256 digests of whole files in hex ` +
            '(the digest uploads are deduplicated by: same owner + same SHA-256). Answers the ones I already have an asset for, with its id, ' +
            'in the order asked; a client uploads only the rest, so a re-run sends nothing twice (`kith upload`). Only my own assets count. ' +
            'Errors: 400 `invalid_request` (not hex SHA-256, none, or more than the limit).',
          body: existsBody,
          response: { 200: existsResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({ existing: await assets.existing(requirePrincipal(request), request.body.checksums) }),
    );

    app.get(
      '/api/assets',
      {
        schema: {
          tags: ['assets'],
          summary: 'My library timeline (or Favourites, or the Archive), newest capture first',
          description:
            'Paged by capture time: pass `nextCursor` as `cursor` for the next page. `view`: `timeline` (default; archived photos are not in it), ' +
            '`favorites` or `archive`. `from=YYYY-MM` starts at that month (the date scrubber, with `GET /api/assets/timeline-buckets`). ' +
            'Never photos in the trash. Errors: 400 `invalid_cursor`, 400 `invalid_request` (bad `view`, `from` or `utcOffset`).',
          querystring: timelineQuery,
          response: { 200: z.object({ items: z.array(assetSchema), nextCursor: z.string().nullable() }), ...errorResponses },
        },
      },
      async (request) => {
        return views.page(requirePrincipal(request), request.query);
      },
    );

    app.get(
      '/api/assets/:id',
      {
        schema: {
          tags: ['assets'],
          summary: 'One asset I can see',
          params: idParams,
          response: { 200: z.object({ asset: assetSchema }), ...errorResponses },
        },
      },
      async (request) => {
        const asset = await assets.getVisible(requirePrincipal(request), request.params.id);
        return { asset: (await assets.toDtos([asset]))[0] };
      },
    );

    app.get(
      '/api/assets/:id/:kind',
      {
        schema: {
          tags: ['assets'],
          summary: 'Image bytes: original, 250 px WebP thumbnail or 1440 px WebP preview',
          description:
            '`?download=1` on the original sets Content-Disposition: attachment. With an S3 blob store (KITH_BLOB_STORE=s3) the original answers 302 to a presigned GET URL of the bucket, valid KITH_S3_PRESIGN_SECONDS. Errors: 404 `not_found`.',
          params: idParams.extend({ kind: derivativeKind }),
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
          response: {
            200: binaryResponse('The original (its own Content-Type) or a WebP derivative', 'image/*'),
            404: errorSchema,
            401: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const { asset, sha, mime, size } = await assets.blobFor(requirePrincipal(request), request.params.id, request.params.kind);
        if (request.params.kind === 'original') {
          // Originals can be large: the browser fetches them from the bucket, not through Kith.
          const url = await assets.presignOriginal(asset, request.query.download === '1');
          if (url) return reply.header('cache-control', 'private, no-store').redirect(url, 302);
        }
        if (request.params.kind === 'original' && request.query.download === '1')
          reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(asset.original_name)}`);
        return sendBytes(reply, { stream: assets.blobStream(sha), mime, size }, 86_400);
      },
    );

    app.delete(
      '/api/assets/:id',
      {
        schema: {
          tags: ['assets'],
          summary: 'Move one of my assets to the trash (or delete it for ever with `force=true`)',
          description:
            'Without `force`: as `DELETE /api/assets` for one id (restorable for KITH_TRASH_DAYS). With `force=true`: deleted for ever at once, ' +
            'with its blobs nothing else references (what this endpoint did before the trash existed). Errors: 404 `not_found`.',
          params: idParams,
          querystring: forceQuery,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const force = request.query.force === 'true' || request.query.force === '1';
        if (force) await trash.deleteNow(principal, request.params.id);
        else await trash.moveToTrash(principal, [request.params.id]);
        return reply.status(204).send(null);
      },
    );
  };
}
