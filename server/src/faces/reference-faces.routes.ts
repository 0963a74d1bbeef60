import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendBytes } from '../http/send-bytes.js';
import { requirePrincipal } from '../http/auth.js';
import { binaryResponse, errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { errors } from '../common/errors.js';
import { assertNoNul } from '../common/nul-check.js';
import { toReferenceFaceDto } from './faces.mapper.js';
import { referenceFaceSchema } from '../accounts/accounts.schema.js';
import type { ReferenceFaceUpload, ReferenceFacesService } from './reference-faces.service.js';

const facesResponse = z.object({ faces: z.array(referenceFaceSchema) });

/** The caller's reference faces (photos of themself for face recognition). Every route needs a login. */
export function referenceFacesRoutes(faces: ReferenceFacesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/me/reference-faces',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Add reference faces of myself (multipart, one or more images)',
          description:
            'multipart/form-data with one or more image files under any field name. Each is verified by decoding ' +
            '(JPEG, PNG, WebP, AVIF, GIF, TIFF). All-or-nothing: one bad file adds none, and the error message names it. ' +
            'The same image again gives the existing face. Errors: 400 `no_files`, 413 `payload_too_large`, ' +
            '415 `unsupported_media_type`, 422 `invalid_image` / `image_too_large`.',
          consumes: ['multipart/form-data'],
          response: { 201: facesResponse, 413: errorSchema, 415: errorSchema, 422: errorSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!request.isMultipart()) throw errors.unsupportedMediaType('Send reference faces as multipart/form-data.');
        async function* uploads(): AsyncIterable<ReferenceFaceUpload> {
          for await (const part of request.files()) {
            assertNoNul(part.filename, 'filename');
            yield { file: part.file, filename: part.filename };
          }
        }
        const added = await faces.add(principal, uploads());
        return reply.status(201).send({ faces: added.map(toReferenceFaceDto) });
      },
    );

    app.get(
      '/api/me/reference-faces',
      { schema: { tags: ['accounts'], summary: 'My reference faces, oldest first', response: { 200: facesResponse, ...errorResponses } } },
      async (request) => ({ faces: (await faces.list(requirePrincipal(request))).map(toReferenceFaceDto) }),
    );

    app.get(
      '/api/me/reference-faces/:id/image',
      {
        schema: {
          tags: ['accounts'],
          summary: "A reference face's image bytes",
          description: "Content-Type is the image's own. Errors: 404 `not_found`.",
          params: idParams,
          response: { 200: binaryResponse('The reference image', 'image/*'), 401: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        return sendBytes(reply, await faces.image(requirePrincipal(request), request.params.id), 86_400);
      },
    );

    app.delete(
      '/api/me/reference-faces/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Delete a reference face',
          description: 'Errors: 404 `not_found`.',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await faces.remove(requirePrincipal(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
