import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { verify as argon2Verify } from '@node-rs/argon2';
import type { Principal } from '../common/principal.js';
import { createLoginThrottle } from '../accounts/login-throttle.js';
import type { AssetsService } from '../assets/assets.service.js';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { AlbumLinkRow, AlbumLinksRepository } from './album-links.repository.js';
import { linkState, type AlbumLinkState } from './album-links.service.js';
import type { AlbumMembersRepository } from './album-members.repository.js';
import type { AlbumsRepository } from './albums.repository.js';

/** Most files one upload request through a link may carry. */
export const LINK_UPLOAD_MAX_FILES = 20;

const gone = (state: AlbumLinkState) =>
  state === 'revoked'
    ? errors.gone('link_revoked', 'This link no longer works: whoever shared it has turned it off.')
    : errors.gone('link_expired', 'This link no longer works: it has expired. Ask whoever shared it for a new one.');

/**
 * The visitor's side of a public album link `/l/{key}`: no account, the key is the capability. A visitor sees one
 * album and nothing else: its name, the owner's display name, its photos (no location or camera), the originals only
 * when the link allows download, and may upload only when it allows upload, credited to the name they give.
 *
 * A password-protected link is unlocked with its password (argon2 `verify`, throttled like log-ins per link and per
 * address); the answer is an access token, HMAC-SHA-256 of the link id and its password hash under a server key, so
 * changing the password or revoking the link ends every visitor's access without any session table.
 */
export function createPublicAlbumService(deps: {
  links: AlbumLinksRepository;
  albums: AlbumsRepository;
  /** Account names of contributors (album-members.repository.ts). */
  accounts: AlbumMembersRepository;
  config: Config;
  assets: AssetsService;
  realtime: RealtimeHub;
  /** 32-byte key for access tokens (config/server-secret.ts `deriveServerKey(secret, 'album-links')`). */
  tokenKey: Buffer;
}) {
  const { links, albums, accounts, assets, realtime, tokenKey } = deps;
  const throttle = createLoginThrottle(deps.config.loginLimits);
  const tokenOf = (link: AlbumLinkRow) =>
    crypto
      .createHmac('sha256', tokenKey)
      .update(`${link.id}\n${link.password_hash ?? ''}`)
      .digest('base64url');
  const tokenMatches = (link: AlbumLinkRow, token: string | undefined) => {
    if (!token) return false;
    const want = Buffer.from(tokenOf(link));
    const got = Buffer.from(token);
    return want.length === got.length && crypto.timingSafeEqual(want, got);
  };

  /** The link behind a key, live. @throws 404 `not_found`, 410 `link_revoked` / `link_expired`. */
  async function live(key: string): Promise<AlbumLinkRow> {
    const link = await links.findByKey(key);
    if (!link) throw errors.notFound('link');
    const state = linkState(link);
    if (state !== 'active') throw gone(state);
    return link;
  }
  /** {@link live}, and unlocked. @throws also 401 `link_password_required`. */
  async function open(key: string, token: string | undefined): Promise<AlbumLinkRow> {
    const link = await live(key);
    if (link.password_hash && !tokenMatches(link, token))
      throw errors.notAuthenticated('link_password_required', 'This album is protected by a password: enter it to see the photos.');
    return link;
  }
  /** The album's owner as the principal Kith acts for (the photos are read, and link uploads stored, as theirs). */
  async function ownerOf(link: AlbumLinkRow): Promise<Principal> {
    const owner = (await accounts.findAccountById(link.owner_id))!;
    return { accountId: owner.id, username: owner.username, via: 'token' };
  }

  return {
    /** Whether the page `/l/{key}` has something to show. @throws 404 `not_found`, 410 `link_revoked` / `link_expired`. */
    async check(key: string): Promise<void> {
      await live(key);
    },

    /**
     * Checks a link's password. @returns the access token.
     * @throws 404, 410 as {@link live}; 429 `too_many_login_attempts`; 401 `wrong_link_password`; 400 `no_password` when the link has none.
     */
    async unlock(key: string, password: string, address: string): Promise<string> {
      const link = await live(key);
      if (!link.password_hash) throw errors.badRequest('no_password', 'This link has no password.');
      throttle.check(`link:${key}`, address);
      if (!(await argon2Verify(link.password_hash, password).catch(() => false))) {
        throttle.fail(`link:${key}`, address);
        throw errors.notAuthenticated('wrong_link_password', 'That is not the password of this link.');
      }
      throttle.succeed(`link:${key}`);
      return tokenOf(link);
    },

    /** The album as a visitor sees it. @throws as {@link open}. */
    async view(key: string, token: string | undefined) {
      const link = await open(key, token);
      const owner = await ownerOf(link);
      const summary = (await albums.summary(owner.accountId, link.album_id))!;
      const ownerRow = (await accounts.findAccountById(owner.accountId))!;
      const rows = await albums.assetsWithContributors(link.album_id);
      const names = new Map<string, string>();
      for (const id of new Set(rows.map((r) => r.contributor_id))) names.set(id, (await accounts.findAccountById(id))?.display_name ?? '');
      return {
        link,
        summary,
        ownerName: ownerRow.display_name,
        rows,
        contributorName: (r: (typeof rows)[number]) => r.uploader_name ?? names.get(r.contributor_id) ?? '',
      };
    },

    /**
     * One photo of the album: original (only when the link allows download), 250 px thumbnail or 1440 px preview.
     * @throws as {@link open}; 404 `not_found` for a photo not in this album; 403 `download_not_allowed`.
     */
    async blob(key: string, token: string | undefined, assetId: string, kind: 'original' | 'thumbnail' | 'preview') {
      const link = await open(key, token);
      if (!(await albums.hasAsset(link.album_id, assetId))) throw errors.notFound('photo');
      if (kind === 'original' && !link.allow_download)
        throw errors.forbidden('download_not_allowed', 'Whoever shared this album does not allow downloading the originals.');
      const b = await assets.blobFor(await ownerOf(link), assetId, kind);
      return { ...b, stream: assets.blobStream(b.sha) as Readable };
    },

    /**
     * Uploads through a link: each file is ingested into the album owner's library (verified like any upload) and
     * added to the album credited to `uploaderName`. Members get `album.updated`.
     * @throws as {@link open}; 403 `upload_not_allowed`.
     */
    async uploader(key: string, token: string | undefined) {
      const link = await open(key, token);
      if (!link.allow_upload)
        throw errors.forbidden('upload_not_allowed', 'Whoever shared this album does not allow uploads through this link.');
      const owner = await ownerOf(link);
      const added: string[] = [];
      const created: string[] = [];
      return {
        async add(file: { stream: Readable & { truncated?: boolean }; filename: string }, uploaderName: string) {
          const result = await assets.ingestFile(owner, file);
          if (result.status === 'created') created.push(result.asset.id);
          if (result.asset)
            added.push(
              ...(await albums.addAssets(
                link.album_id,
                [{ assetId: result.asset.id, contributorId: owner.accountId, uploaderName, linkId: link.id }],
                Date.now(),
              )),
            );
          return result;
        },
        /** Photos new to the album so far. */
        added: () => added.length,
        async finish() {
          await assets.afterBatch(owner, created);
          if (!added.length) return;
          await albums.update(link.album_id, { updated_at: Date.now() });
          realtime.emitToAccount(await albums.memberIds(link.album_id), 'album.updated', { albumId: link.album_id, addedAssetIds: added });
        },
      };
    },
  };
}

export type PublicAlbumService = ReturnType<typeof createPublicAlbumService>;
