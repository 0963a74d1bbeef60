import crypto from 'node:crypto';
import type { Principal } from '../common/principal.js';
import type { AlbumsService } from '../albums/albums.service.js';
import { errors } from '../common/errors.js';
import type { TargetId } from '../connectors/connector.js';
import type { RegionSharesRepository, SiteKeyRow } from './region-shares.repository.js';
import type { SiteKeyAccess } from './site-key.access.js';

/** Normalises `https://Blog.Example:443/` to its origin `https://blog.example`. @throws 400 `invalid_origin`. */
export function toOrigin(s: string): string {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw errors.badRequest('invalid_origin', `"${s}" is not an origin; write it as https://blog.example`);
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash)
    throw errors.badRequest('invalid_origin', `"${s}" is not an origin; write scheme, host and port only, e.g. https://blog.example`);
  return u.origin;
}

/**
 * Site keys let anonymous visitors of a site share regions into the key owner's Kith
 * (the brief's "site keys and limits"). A key is public — it sits in the page's script
 * tag — so what protects it is the binding to origins, checked against the browser's
 * `Origin` header on every request, plus per-key rate limits.
 */
export function createSiteKeysService({
  repo,
  albums,
  access,
}: {
  repo: RegionSharesRepository;
  albums: Pick<AlbumsService, 'findById'>;
  /** The one site-key access check (site-key.access.ts). */
  access: SiteKeyAccess;
}) {
  return {
    list: (principal: Principal) => repo.siteKeysOf(principal.accountId),

    /** @throws 400 `invalid_origin`, 404 `not_found` (album not mine). */
    async create(
      principal: Principal,
      input: { name: string; origins: string[]; targets: TargetId[]; albumId?: string },
    ): Promise<SiteKeyRow> {
      const origins = [...new Set(input.origins.map(toOrigin))];
      if (input.albumId) {
        const album = await albums.findById(input.albumId);
        if (album?.owner_id !== principal.accountId) throw errors.notFound('album');
      }
      const row: SiteKeyRow = {
        id: crypto.randomUUID(),
        owner_id: principal.accountId,
        key: `ks_${crypto.randomBytes(18).toString('base64url')}`,
        name: input.name,
        origins: JSON.stringify(origins),
        targets: JSON.stringify([...new Set(input.targets)]),
        album_id: input.albumId ?? null,
        created_at: Date.now(),
      };
      await repo.insertSiteKey(row);
      return row;
    },

    /** @throws 404 `not_found`. */
    async remove(principal: Principal, id: string): Promise<void> {
      await access.requireSiteKey(principal, id);
      // Deleted meanwhile by another request of the owner's: the same answer as a key that never was.
      if (!(await repo.deleteSiteKey(principal.accountId, id))) throw errors.notFound('site key');
    },

    /**
     * The key a request names, if the request comes from one of its origins.
     * @throws 401 `invalid_site_key` (unknown or deleted), 403 `origin_not_allowed`.
     */
    async authorise(key: string, origin: string | undefined): Promise<SiteKeyRow> {
      const row = await repo.siteKeyByKey(key);
      if (!row)
        throw errors.notAuthenticated('invalid_site_key', 'This site key does not exist or was deleted; ask the site owner for a new one.');
      if (!origin || !(JSON.parse(row.origins) as string[]).includes(origin))
        throw errors.forbidden('origin_not_allowed', `This site key is not valid on ${origin ?? 'a request without an Origin header'}.`, {
          origin: origin ?? null,
        });
      return row;
    },

    anyKeyAllows: (origin: string) => repo.anyKeyAllows(origin),
  };
}

export type SiteKeysService = ReturnType<typeof createSiteKeysService>;
