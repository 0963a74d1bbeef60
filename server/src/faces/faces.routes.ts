import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { binaryResponse, errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { sendBytes } from '../http/send-bytes.js';
import { toFaceDto } from './faces.mapper.js';
import { faceSchema, faceStatusSchema } from './faces.schema.js';
import type { FacesService } from './faces.service.js';

/** Face analysis: progress, re-index, faces of a photo, face crops. Every route needs a login. */
export function facesRoutes(faces: FacesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/faces/status',
      {
        schema: {
          tags: ['faces'],
          summary: 'Face analysis progress of my library ("Analysing faces: done/total")',
          description: 'The same figures are pushed as the realtime event `faces.progress` after each analysed photo.',
          response: { 200: faceStatusSchema, ...errorResponses },
        },
      },
      async (request) => faces.status(requirePrincipal(request)),
    );

    app.post(
      '/api/faces/reindex',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['faces'],
          summary: 'Re-index my library: analyse every photo not analysed with the current model, then cluster',
          description:
            'Also describes again reference faces and contact photos of another model. Returns at once; follow ' +
            '`GET /api/faces/status` or `faces.progress`. Errors: 409 `face_analysis_off`, 429 `rate_limited`.',
          response: {
            202: z.object({ queued: z.number().int().describe('Photos queued for analysis') }),
            409: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => reply.status(202).send(await faces.reindex(requirePrincipal(request))),
    );

    app.get(
      '/api/assets/:id/faces',
      {
        schema: {
          tags: ['faces'],
          summary: 'Faces of a photo I can see, left to right (boxes for the viewer)',
          description: "People and crops are shown to the photo's owner only. Errors: 404 `not_found`.",
          params: idParams,
          response: { 200: z.object({ faces: z.array(faceSchema), analysed: z.boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const { asset, faces: rows, showPeople, names } = await faces.ofAsset(requirePrincipal(request), request.params.id);
        return { faces: rows.map((f) => toFaceDto(f, showPeople, names)), analysed: asset.faces_model_version !== null };
      },
    );

    app.get(
      '/api/faces/:id/thumbnail',
      {
        schema: {
          tags: ['faces'],
          summary: 'A face crop of mine: 160 px square WebP',
          description: 'Errors: 404 `not_found`.',
          params: idParams,
          response: { 200: binaryResponse('The face crop', 'image/webp'), 401: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => sendBytes(reply, await faces.thumbnail(requirePrincipal(request), request.params.id), 86_400),
    );
  };
}
