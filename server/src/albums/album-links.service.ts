import crypto from 'node:crypto';
import { hash as argon2Hash } from '@node-rs/argon2';
import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import type { AlbumLinkListRow, AlbumLinkRow, AlbumLinksRepository } from './album-links.repository.js';
import type { AlbumsService } from './albums.service.js';

/** What the owner sets on a link; `password: null` or `expiresAt: null` removes it (on update). */
export interface AlbumLinkInput {
  label?: string | null;
  password?: string | null;
  /** ms since the epoch. */
  expiresAt?: number | null;
  allowDownload?: boolean;
  allowUpload?: boolean;
}

export type AlbumLinkState = 'active' | 'expired' | 'revoked';

/** A link's state at `now`: revoked wins over expired. */
export const linkState = (row: Pick<AlbumLinkRow, 'revoked_at' | 'expires_at'>, now = Date.now()): AlbumLinkState =>
  row.revoked_at != null ? 'revoked' : row.expires_at != null && row.expires_at <= now ? 'expired' : 'active';

/** A fresh link key: 128 random bits, base64url (22 characters), the capability in `/l/{key}`. */
const newKey = () => crypto.randomBytes(16).toString('base64url');

/**
 * The owner's side of public album links (Immich shared links, Google Photos link sharing): create, list, change,
 * revoke. Only the album's owner manages its links; another account's link answers 404 `not_found`. Passwords are
 * stored as argon2id PHC strings made by @node-rs/argon2 with its defaults, as account passwords are.
 */
export function createAlbumLinksService({
  repo,
  albums,
  publicUrl,
}: {
  repo: AlbumLinksRepository;
  albums: AlbumsService;
  publicUrl: string;
}) {
  const hashOf = async (password: string | null | undefined) => (password ? argon2Hash(password) : null);
  const bit = (b: boolean | undefined, fallback: number) => (b === undefined ? fallback : b ? 1 : 0);

  /** @throws 404 `not_found` unless the link is the caller's. */
  async function owned(principal: Principal, linkId: string): Promise<AlbumLinkListRow> {
    const row = await repo.findOwned(principal.accountId, linkId);
    if (!row) throw errors.notFound('link');
    return row;
  }

  return {
    /** The URL a link opens (`KITH_PUBLIC_URL` + `/l/{key}`). */
    urlOf: (key: string) => `${publicUrl.replace(/\/$/, '')}/l/${key}`,

    /**
     * A new link to an album the caller owns. Defaults: download allowed, upload not, no expiry, no password.
     * @throws 404 `not_found`, 403 `not_album_owner`, 400 `expiry_in_past`.
     */
    async create(principal: Principal, albumId: string, input: AlbumLinkInput): Promise<AlbumLinkListRow> {
      await albums.own(principal, albumId);
      const now = Date.now();
      if (input.expiresAt != null && input.expiresAt <= now) throw errors.badRequest('expiry_in_past', 'The expiry date is in the past.');
      const id = crypto.randomUUID();
      await repo.insert({
        id,
        album_id: albumId,
        owner_id: principal.accountId,
        key: newKey(),
        label: input.label ?? null,
        password_hash: await hashOf(input.password),
        allow_download: bit(input.allowDownload, 1),
        allow_upload: bit(input.allowUpload, 0),
        expires_at: input.expiresAt ?? null,
        revoked_at: null,
        created_at: now,
        updated_at: now,
      });
      return owned(principal, id);
    },

    /** The caller's links, newest first (Settings → Shared links), or one album's. @throws 404, 403 for an album not theirs. */
    async list(principal: Principal, albumId?: string): Promise<AlbumLinkListRow[]> {
      if (albumId) await albums.own(principal, albumId);
      return repo.listOwned(principal.accountId, albumId);
    },

    /**
     * Changes a link; fields left out stay. A new password ends the access of visitors who unlocked the old one.
     * @throws 404 `not_found`, 409 `link_revoked` (a revoked link stays revoked), 400 `expiry_in_past`.
     */
    async update(principal: Principal, linkId: string, input: AlbumLinkInput): Promise<AlbumLinkListRow> {
      const row = await owned(principal, linkId);
      if (row.revoked_at != null) throw errors.conflict('link_revoked', 'This link is revoked; create a new one instead.');
      const now = Date.now();
      if (input.expiresAt != null && input.expiresAt <= now) throw errors.badRequest('expiry_in_past', 'The expiry date is in the past.');
      await repo.update(linkId, {
        ...(input.label !== undefined ? { label: input.label } : {}),
        ...(input.password !== undefined ? { password_hash: await hashOf(input.password) } : {}),
        ...(input.expiresAt !== undefined ? { expires_at: input.expiresAt } : {}),
        allow_download: bit(input.allowDownload, row.allow_download),
        allow_upload: bit(input.allowUpload, row.allow_upload),
        updated_at: now,
      });
      return owned(principal, linkId);
    },

    /** Revokes a link for good: its page then says it no longer works (410). Idempotent. @throws 404 `not_found`. */
    async revoke(principal: Principal, linkId: string): Promise<void> {
      const row = await owned(principal, linkId);
      if (row.revoked_at == null) await repo.update(linkId, { revoked_at: Date.now(), updated_at: Date.now() });
    },
  };
}

export type AlbumLinksService = ReturnType<typeof createAlbumLinksService>;
