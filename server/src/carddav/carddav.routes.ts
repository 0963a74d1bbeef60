import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import type { CarddavService } from './carddav.service.js';
import { bookSchema, conflictSchema, connectBody, resolveBody, syncResult, toBook, toConflict } from './carddav.schema.js';

const syncErrors = { 409: errorSchema, 422: errorSchema, 502: errorSchema, ...errorResponses };

/**
 * CardDAV address books (RFC 6352) the caller connected, their sync (RFC 6578) and conflicts
 * (Settings → Contacts). Passwords are write-only.
 */
export function carddavRoutes(carddav: CarddavService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/carddav/books',
      {
        schema: {
          tags: ['contacts'],
          summary: 'My connected CardDAV address books',
          response: { 200: z.array(bookSchema), ...errorResponses },
        },
      },
      async (request) => (await carddav.list(requirePrincipal(request))).map((b) => toBook(b.book, b)),
    );
    app.post(
      '/api/carddav/books',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Connect a CardDAV address book (URL, user name, password or app password); its first sync is queued',
          description:
            'The URL may be the address book itself or the server (discovery: RFC 6764 well-known URI, principal, home set). ' +
            'Errors: 422 `carddav_auth` (credentials refused), `carddav_no_address_book`, `blocked_address` (private address; ' +
            'see KITH_FETCH_ALLOW), `image_unreachable` (no answer); 502 `carddav_error`; 409 `carddav_exists`.',
          body: connectBody,
          response: { 201: bookSchema, ...syncErrors },
        },
      },
      async (request, reply) => {
        const row = await carddav.connect(requirePrincipal(request), request.body);
        return reply.status(201).send(toBook(row, { cards: 0, conflicts: 0 }));
      },
    );
    app.delete(
      '/api/carddav/books/:id',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Disconnect an address book (its contacts stay in Kith)',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await carddav.remove(requirePrincipal(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/carddav/books/:id/sync',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Sync an address book now; answers with what changed',
          description: 'Errors: 404 `not_found`; 422 `carddav_auth`, `blocked_address`, `image_unreachable`; 502 `carddav_error`.',
          params: idParams,
          response: { 200: syncResult, ...syncErrors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { counts } = await carddav.syncNow(principal, request.params.id);
        const book = (await carddav.list(principal)).find((b) => b.book.id === request.params.id)!;
        return { counts, book: toBook(book.book, book) };
      },
    );
    app.get(
      '/api/carddav/conflicts',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Contacts changed both in Kith and on the CardDAV server, with both values',
          response: { 200: z.array(conflictSchema), ...errorResponses },
        },
      },
      async (request) => (await carddav.conflicts(requirePrincipal(request))).map(toConflict),
    );
    app.post(
      '/api/carddav/conflicts/:id/resolve',
      {
        schema: {
          tags: ['contacts'],
          summary: "Resolve a conflict: keep Kith's values or take the server's",
          params: idParams,
          body: resolveBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await carddav.resolve(requirePrincipal(request), request.params.id, request.body.keep);
        return reply.status(204).send(null);
      },
    );
  };
}
