import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import type { AlbumLinkInput, AlbumLinksService } from './album-links.service.js';
import {
  albumLinkSchema,
  albumMemberSchema,
  createAlbumLinkBody,
  inviteMemberBody,
  linkIdParams,
  memberParams,
  memberRoleBody,
  updateAlbumLinkBody,
} from './album-links.schema.js';
import type { AlbumMembersService } from './album-members.service.js';
import { toAlbumLinkDto } from './albums.mapper.js';

const tags = ['album sharing'];
const ms = (s: string | null | undefined) => (s == null ? s : Date.parse(s));

/** Parses a body's ISO `expiresAt` into ms, leaving `undefined` (unchanged) and `null` (removed) as they are. */
const toInput = (b: { expiresAt?: string | null } & Omit<AlbumLinkInput, 'expiresAt'>): AlbumLinkInput => ({
  ...b,
  expiresAt: ms(b.expiresAt),
});

/**
 * Sharing an album I own: members (viewer or contributor; contacts only through a verified account) and public
 * links (`/l/{key}`: optional password and expiry, download and upload switches, revocable).
 */
export function albumSharingRoutes(links: AlbumLinksService, members: AlbumMembersService): FastifyPluginAsyncZod {
  return async (app) => {
    const owner = { 403: errorSchema, ...errorResponses };
    const one = z.object({ link: albumLinkSchema });
    const dto = (r: Parameters<typeof toAlbumLinkDto>[0]) => toAlbumLinkDto(r, links.urlOf(r.key));

    app.post(
      '/api/albums/:id/members',
      {
        schema: {
          tags,
          summary: 'Invite an account or a contact to an album I own, as viewer or contributor (or change their role)',
          description:
            'Errors: 404 `not_found` (album, account or contact), 403 `not_album_owner`, 400 `cannot_invite_self`, 409 ' +
            '`confirmation_required` (a contact matched only by an address its account has not verified: `details.account`; ' +
            'send again with `confirm: true`), 422 `contact_not_on_kith` (no account here: share a public link instead).',
          params: idParams,
          body: inviteMemberBody,
          response: { 200: z.object({ member: albumMemberSchema }), 409: errorSchema, 422: errorSchema, ...owner },
        },
      },
      async (request) => {
        const { username, contactId, role, confirm } = request.body;
        const target = username !== undefined ? { username } : { contactId: contactId! };
        return { member: await members.invite(requirePrincipal(request), request.params.id, target, role, confirm) };
      },
    );

    app.patch(
      '/api/albums/:id/members/:accountId',
      {
        schema: {
          tags,
          summary: 'Change a member’s role (viewer or contributor)',
          description: 'Errors: 404 `not_found` (album or member), 403 `not_album_owner`.',
          params: memberParams,
          body: memberRoleBody,
          response: { 200: z.object({ member: albumMemberSchema }), ...owner },
        },
      },
      async (request) => ({
        member: await members.setRole(requirePrincipal(request), request.params.id, request.params.accountId, request.body.role),
      }),
    );

    app.delete(
      '/api/albums/:id/members/:accountId',
      {
        schema: {
          tags,
          summary: 'Remove a member (the owner), or leave the album (a member, with their own id)',
          description: 'Errors: 404 `not_found`, 403 `not_album_owner`, 400 `owner_cannot_leave`.',
          params: memberParams,
          response: { 204: z.null(), ...owner },
        },
      },
      async (request, reply) => {
        await members.remove(requirePrincipal(request), request.params.id, request.params.accountId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/albums/:id/links',
      {
        schema: {
          tags,
          summary: 'Public links of an album I own, newest first',
          params: idParams,
          response: { 200: z.object({ links: z.array(albumLinkSchema) }), ...owner },
        },
      },
      async (request) => ({ links: (await links.list(requirePrincipal(request), request.params.id)).map(dto) }),
    );

    app.post(
      '/api/albums/:id/links',
      {
        schema: {
          tags,
          summary: 'Create a public link to an album I own',
          description:
            'Defaults: download allowed, upload not, no password, no expiry. Errors: 404 `not_found`, 403 `not_album_owner`, 400 `expiry_in_past`.',
          params: idParams,
          body: createAlbumLinkBody,
          response: { 201: one, ...owner },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ link: dto(await links.create(requirePrincipal(request), request.params.id, toInput(request.body))) }),
    );

    app.get(
      '/api/album-links',
      {
        schema: {
          tags,
          summary: 'All my public album links (Settings → Shared links), newest first',
          response: { 200: z.object({ links: z.array(albumLinkSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ links: (await links.list(requirePrincipal(request))).map(dto) }),
    );

    app.patch(
      '/api/album-links/:linkId',
      {
        schema: {
          tags,
          summary: 'Change a link: label, password, expiry, download and upload switches',
          description: 'Errors: 404 `not_found`, 409 `link_revoked`, 400 `expiry_in_past`.',
          params: linkIdParams,
          body: updateAlbumLinkBody,
          response: { 200: one, 409: errorSchema, ...errorResponses },
        },
      },
      async (request) => ({ link: dto(await links.update(requirePrincipal(request), request.params.linkId, toInput(request.body))) }),
    );

    app.delete(
      '/api/album-links/:linkId',
      {
        schema: {
          tags,
          summary: 'Revoke a link: its page then answers 410 “this link no longer works” (idempotent)',
          params: linkIdParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await links.revoke(requirePrincipal(request), request.params.linkId);
        return reply.status(204).send(null);
      },
    );
  };
}
