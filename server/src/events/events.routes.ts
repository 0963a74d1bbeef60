import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AlbumsService } from '../albums/albums.service.js';
import type { AssetsService } from '../assets/assets.service.js';
import { markerSchema } from '../assets/assets.schema.js';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, idParams } from '../http/common.schema.js';
import type { EventSharingService } from './event-sharing.service.js';
import {
  eventDetailSchema,
  eventSummarySchema,
  markerParams,
  mergeEventsBody,
  renameEventBody,
  sharePreviewSchema,
  shareResultSchema,
  splitEventBody,
  tagBody,
} from './events.schema.js';
import type { EventsService } from './events.service.js';
import { principalFor } from '../common/principal.js';

const person = (l: { accountId: string; username: string; displayName: string }) => ({
  id: l.accountId,
  username: l.username,
  displayName: l.displayName,
});

/** Events, event markers on photos, and event sharing (US2017032188A1 claim 1). */
export function eventsRoutes(
  events: EventsService,
  sharing: EventSharingService,
  albums: AlbumsService,
  assets: Pick<AssetsService, 'findByIds'>,
): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['events'];
    const detail = (accountId: string, marker: string) => events.detail(principalFor(accountId), marker);

    app.get(
      '/api/events',
      {
        schema: {
          tags,
          summary: 'My events, newest first',
          response: { 200: z.object({ events: z.array(eventSummarySchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        return { events: await events.listDtos(p) };
      },
    );

    app.get(
      '/api/events/:marker',
      {
        schema: {
          tags,
          summary: 'One of my events with its photos',
          description: 'Errors: 404 `not_found`.',
          params: markerParams,
          response: { 200: eventDetailSchema, ...errorResponses },
        },
      },
      async (request) => detail(requirePrincipal(request).accountId, request.params.marker),
    );

    app.patch(
      '/api/events/:marker',
      {
        schema: {
          tags,
          summary: 'Rename an event',
          params: markerParams,
          body: renameEventBody,
          response: { 200: eventDetailSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        await events.rename(p, request.params.marker, request.body.name);
        return detail(p.accountId, request.params.marker);
      },
    );

    app.post(
      '/api/events/:marker/merge',
      {
        schema: {
          tags,
          summary: 'Merge other events into this one',
          description:
            'The merged event keeps this marker and is no longer changed by automatic detection. Errors: 404, 400 `invalid_merge`.',
          params: markerParams,
          body: mergeEventsBody,
          response: { 200: eventDetailSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        await events.merge(p, request.params.marker, request.body.markers);
        return detail(p.accountId, request.params.marker);
      },
    );

    app.post(
      '/api/events/:marker/split',
      {
        schema: {
          tags,
          summary: 'Split an event at a time',
          description: 'Photos at or after `at` form a new event. Errors: 404, 400 `invalid_split`.',
          params: markerParams,
          body: splitEventBody,
          response: { 200: z.object({ events: z.array(eventSummarySchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const pair = await events.split(p, request.params.marker, Date.parse(request.body.at));
        return { events: await Promise.all(pair.map(async (e) => (await detail(p.accountId, e.marker)).event)) };
      },
    );

    app.get(
      '/api/events/:marker/share-preview',
      {
        schema: {
          tags,
          summary: 'Who would receive this event if I shared it',
          description:
            'Recipients are mutual contacts with gathering on who have photos of the event; the others are listed with the reason. ' +
            'When the event is already shared (by me or by a contact, in one album per event), `album` names it and its members, and ' +
            "`newAssetCount` says how many photos sharing again would add. `totalAssetCount` equals the share answer's `assetCount`. Errors: 404 `not_found`.",
          params: markerParams,
          response: { 200: sharePreviewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const g = await sharing.gather(requirePrincipal(request), request.params.marker);
        const members = g.album ? await albums.membersOf(g.album.id) : [];
        const asPerson = (m: (typeof members)[number]) => ({ id: m.id, username: m.username, displayName: m.display_name });
        return {
          recipients: g.contributions.map((c) => ({ account: person(c.link), assetCount: c.assets.length })),
          excluded: g.excluded.map((x) => ({ account: person(x.link), reason: x.reason })),
          ownAssetCount: g.own.length,
          newAssetCount: g.fresh.length,
          totalAssetCount: g.totalAssetCount,
          album: g.album
            ? {
                id: g.album.id,
                name: g.album.name,
                owner: asPerson(members.find((m) => m.role === 'owner') ?? members[0]),
                members: [...members.filter((m) => m.role === 'owner'), ...members.filter((m) => m.role !== 'owner')].map(asPerson),
                assetCount: g.totalAssetCount - g.fresh.length,
              }
            : null,
        };
      },
    );

    app.post(
      '/api/events/:marker/share',
      {
        schema: {
          tags,
          summary: "Share an event: one combined album of my and my contacts' photos",
          description:
            'US2017032188A1 claim 1. Gathers my photos with the marker and those of mutual contacts (gathering on) matching the marker or the ' +
            'event window ± margin and place; builds one album (duplicates by SHA-256 once, each photo credited to its contributor); shares it with ' +
            'every contributing contact (`album.shared`). Idempotent: sharing again returns the same album. Errors: 404 `not_found`.',
          params: markerParams,
          response: { 200: shareResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const r = await sharing.share(p, request.params.marker);
        const summary = await albums.view(p, r.album.id);
        return {
          album: (await albums.summaryDtos([summary]))[0],
          recipients: r.recipients.map((x) => ({ account: person(x.link), assetCount: x.assetCount })),
          assetCount: r.assetCount,
          addedAssetCount: r.addedAssetCount,
        };
      },
    );

    app.post(
      '/api/assets/:id/markers',
      {
        schema: {
          tags,
          summary: 'Tag one of my photos with an event marker',
          description: 'The tag text becomes an event (source `tag`); its code is lower-case-dashed. Errors: 404 `not_found`.',
          params: idParams,
          body: tagBody,
          response: { 200: eventDetailSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const e = await events.tagAssets(p, [request.params.id], request.body.marker, 'tag');
        await sharing.routeNewAssets(p.accountId, await assets.findByIds([request.params.id]));
        return detail(p.accountId, e.marker);
      },
    );

    app.delete(
      '/api/assets/:id/markers/:marker',
      {
        schema: {
          tags,
          summary: 'Remove an event marker from one of my photos',
          params: idParams.extend({ marker: markerSchema }),
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        await events.untagAsset(p, request.params.id, request.params.marker);
        return reply.status(204).send(null);
      },
    );
  };
}
