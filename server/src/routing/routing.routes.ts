import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { binaryResponse, errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { sendBytes } from '../http/send-bytes.js';
import { assetIdParams, deliverySchema, routingSettingsSchema, sendSuggestionBody, suggestionSchema } from './routing.schema.js';
import type { RoutingService } from './routing.service.js';

/**
 * Owner endpoints of server-side routing (beyond seed CN103369031A, whose terminal does the matching): the mode, the
 * "Send to Bob and Carol?" suggestions acted on with one click, and each photo's deliveries.
 */
export function routingRoutes(routing: RoutingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/routing/settings',
      {
        schema: {
          tags: ['routing'],
          summary: 'My routing mode for photos in which my contacts appear (default `suggest`)',
          response: { 200: routingSettingsSchema, ...errorResponses },
        },
      },
      async (request) => routing.settings(requirePrincipal(request)),
    );
    app.put(
      '/api/routing/settings',
      {
        schema: {
          tags: ['routing'],
          summary: 'Set my routing mode: auto (send at once), suggest (ask first) or off',
          description: 'Applies to photos analysed from now on; existing suggestions and deliveries stay as they are.',
          body: routingSettingsSchema,
          response: { 200: routingSettingsSchema, ...errorResponses },
        },
      },
      async (request) => routing.setSettings(requirePrincipal(request), request.body),
    );
    app.get(
      '/api/routing/suggestions',
      {
        schema: {
          tags: ['routing'],
          summary: 'My open suggestions, one per photo, newest first ("Send to Bob and Carol?")',
          response: { 200: z.object({ suggestions: z.array(suggestionSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ suggestions: await routing.suggestions(requirePrincipal(request)) }),
    );
    app.post(
      '/api/routing/suggestions/:assetId/send',
      {
        schema: {
          tags: ['routing'],
          summary: 'Send a photo to its suggested contacts (all, or `contactIds` among them): one click on the card',
          description:
            'The deliveries are queued and sent by a job (retried with backoff); watch `delivery.updated` or ' +
            '`GET /api/assets/{id}/deliveries`. Errors: 404 `not_found` (no open suggestion for that photo), ' +
            '400 `invalid_contacts` (an id that is not suggested for it).',
          params: assetIdParams,
          body: sendSuggestionBody,
          response: { 200: z.object({ deliveries: z.array(deliverySchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        deliveries: await routing.send(requirePrincipal(request), request.params.assetId, request.body?.contactIds),
      }),
    );
    app.post(
      '/api/routing/suggestions/:assetId/dismiss',
      {
        schema: {
          tags: ['routing'],
          summary: "Dismiss a photo's suggestions (never suggested again)",
          description: 'Errors: 404 `not_found` (no open suggestion for that photo).',
          params: assetIdParams,
          response: { 200: z.object({ dismissed: z.number().int() }), ...errorResponses },
        },
      },
      async (request) => routing.dismiss(requirePrincipal(request), request.params.assetId),
    );
    app.get(
      '/api/routing/deliveries/:id/evidence-image',
      {
        schema: {
          tags: ['routing'],
          summary: 'The image a delivery was matched against: your contact photo, their own reference face, or your earlier face',
          description:
            "Shown on the suggestion card beside the matched face crop. A recipient's registered reference face is served " +
            'to the owner of a delivery made on it, and only while that contact is linked to the account that ' +
            "registered it (docs/security.md). Content-Type is the image's own. Errors: 404 `not_found` (not your " +
            'delivery, no evidence image, or the image is gone).',
          params: idParams,
          response: { 200: binaryResponse('The evidence image', 'image/*'), 401: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => sendBytes(reply, await routing.evidenceImage(requirePrincipal(request), request.params.id), 300),
    );
    app.get(
      '/api/assets/:id/deliveries',
      {
        schema: {
          tags: ['routing'],
          summary: 'Where one of my photos was sent: each recognised contact and the delivery status',
          description: 'Errors: 404 `not_found` (no such photo of mine).',
          params: idParams,
          response: { 200: z.object({ deliveries: z.array(deliverySchema) }), ...errorResponses },
        },
      },
      async (request) => ({ deliveries: await routing.ofAsset(requirePrincipal(request), request.params.id) }),
    );
  };
}
