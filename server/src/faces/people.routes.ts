import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, idParams } from '../http/common.schema.js';
import { decodeCursor } from '../common/timeline-cursor.js';
import { personDisplayName, toFaceDto, toFacePersonDto } from './faces.mapper.js';
import {
  facePersonSchema,
  faceSchema,
  mergePeopleBody,
  personPhotosQuery,
  personPhotosResponse,
  splitPersonBody,
  updatePersonBody,
} from './faces.schema.js';
import type { PeopleService } from './people.service.js';

const personResponse = z.object({ person: facePersonSchema });

/** People: my faces grouped into persons, and my edits on them. Every route needs a login. */
export function peopleRoutes(people: PeopleService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people',
      {
        schema: {
          tags: ['people'],
          summary: 'My people (named and linked first, then by photo count), with face counts and cover crops',
          querystring: z.object({ hidden: z.enum(['true', 'false']).default('false').describe('Include hidden people') }),
          response: { 200: z.object({ people: z.array(facePersonSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const rows = await people.list(principal, request.query.hidden === 'true');
        return { people: rows.map((p) => toFacePersonDto(p, principal.accountId)) };
      },
    );

    app.get(
      '/api/people/:id',
      {
        schema: { tags: ['people'], summary: 'One of my people', params: idParams, response: { 200: personResponse, ...errorResponses } },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return { person: toFacePersonDto(await people.get(principal, request.params.id), principal.accountId) };
      },
    );

    app.get(
      '/api/people/:id/photos',
      {
        schema: {
          tags: ['people'],
          summary: 'Photos a person is in, newest capture first (paged)',
          description: 'Pass `nextCursor` as `cursor` for the next page. Errors: 404 `not_found`, 400 `invalid_cursor`.',
          params: idParams,
          querystring: personPhotosQuery,
          response: { 200: personPhotosResponse, ...errorResponses },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query;
        return people.photos(requirePrincipal(request), request.params.id, limit, cursor ? decodeCursor(cursor) : undefined);
      },
    );

    app.get(
      '/api/people/:id/name-suggestions',
      {
        schema: {
          tags: ['people'],
          summary: 'Names imported with this person’s photos, as suggestions for naming them',
          description:
            'Names another service gave the people in the photos this person is in (Google Takeout sidecars’ `people[].name`, ' +
            'sent as the upload `sidecar` field), with how many of their photos carry each; most photos first, at most 10. ' +
            'A photo with several people suggests every name: these are hints for the owner, never applied. Errors: 404 `not_found`.',
          params: idParams,
          response: {
            200: z.object({
              suggestions: z.array(
                z.object({ name: z.string(), photos: z.number().int().describe('Photos of this person carrying the name') }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ suggestions: await people.nameSuggestions(requirePrincipal(request), request.params.id) }),
    );

    app.get(
      '/api/people/:id/faces',
      {
        schema: {
          tags: ['people'],
          summary: "A person's faces, best quality first (up to 1000; to choose faces to split off)",
          params: idParams,
          response: { 200: z.object({ faces: z.array(faceSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { person, faces: rows } = await people.faces(principal, request.params.id);
        const names = new Map([[person.id, personDisplayName(person)]]);
        return { faces: rows.map((f) => toFaceDto(f, true, names)) };
      },
    );

    app.patch(
      '/api/people/:id',
      {
        schema: {
          tags: ['people'],
          summary: "Rename, hide/unhide, or link a person to one of my contacts or to an account (mine or a contact's)",
          description: 'null clears a field. Errors: 404 `not_found` (person, contact or account), 400 `invalid_request`.',
          params: idParams,
          body: updatePersonBody,
          response: { 200: personResponse, ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return { person: toFacePersonDto(await people.update(principal, request.params.id, request.body), principal.accountId) };
      },
    );

    app.post(
      '/api/people/:id/merge',
      {
        schema: {
          tags: ['people'],
          summary: 'Merge other people into this one (their faces move here; they are deleted)',
          description: "The target keeps its name and link, or takes the first source's. Errors: 404 `not_found`, 400 `invalid_merge`.",
          params: idParams,
          body: mergePeopleBody,
          response: { 200: personResponse, ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return { person: toFacePersonDto(await people.merge(principal, request.params.id, request.body.personIds), principal.accountId) };
      },
    );

    app.post(
      '/api/people/:id/split',
      {
        schema: {
          tags: ['people'],
          summary: 'Split chosen faces off into a new person',
          description: 'Errors: 404 `not_found`, 400 `invalid_split` (a face not of this person, or every face).',
          params: idParams,
          body: splitPersonBody,
          response: { 201: personResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const created = await people.split(principal, request.params.id, request.body.faceIds, request.body.name);
        return reply.status(201).send({ person: toFacePersonDto(created, principal.accountId) });
      },
    );
  };
}
