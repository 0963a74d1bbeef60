import crypto from 'node:crypto';
import type { Principal } from '../common/principal.js';
import type { AlbumsService } from '../albums/albums.service.js';
import type { AssetsService } from '../assets/assets.service.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { pinterestIntentUrl, type Delivery, type TargetId } from '../connectors/connector.js';
import type { ConnectorsService } from '../connectors/connectors.service.js';
import { errors } from '../common/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { cropRegion, type PixelRect } from './region-crop.js';
import { renderSharePage } from './share-page.js';
import type { RegionShareRow, RegionSharesRepository, SiteKeyRow } from './region-shares.repository.js';
import type { RegionShareAccess } from './region-share.access.js';

/** The last path segment without its extension, for the crop's file name; a malformed `%` escape is kept as written. */
function fileStem(pathname: string): string {
  const segment = pathname.split('/').pop() || 'image';
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // e.g. `/%zz.png`: not percent-encoding, so the name is the segment itself.
  }
  return decoded.replace(/\.[a-z0-9]+$/i, '') || 'image';
}

/** Who shares: a Kith user, or an anonymous visitor through a site key (then the key's owner owns the share). */
export interface Actor {
  principal: Principal;
  siteKey?: SiteKeyRow;
}

/** The share request of claim 1 / S250 (what the embed script sends). */
export interface ShareInput {
  pageUrl: string;
  imageUrl: string;
  imageIndex: number;
  rect: PixelRect;
  fraction: PixelRect;
  naturalWidth: number;
  naturalHeight: number;
  description: string;
  target: TargetId;
  albumId?: string;
}

export interface RegionSharesDeps {
  repo: RegionSharesRepository;
  /** The one region-share access check (region-share.access.ts). */
  access: RegionShareAccess;
  config: Config;
  blobs: BlobStore;
  jobs: JobQueue;
  realtime: RealtimeHub;
  assets: AssetsService;
  albums: AlbumsService;
  connectors: ConnectorsService;
  /** Fetches the full image through the SSRF guard (S260). */
  fetchImage: (url: string) => Promise<Buffer>;
}

/** The default album of `kith` shares without an explicit album. */
export const DEFAULT_ALBUM_NAME = 'Shared regions';

/**
 * The cloud server of the region-sharing document (claims 8–14, 22–24; S250–S270):
 * receives the share request, fetches the full image (or takes the bytes the client sent),
 * crops the region, stores it as an asset of the owner's library, publishes `/s/{id}` and
 * hands it to the chosen target.
 */
export function createRegionSharesService(deps: RegionSharesDeps) {
  const { repo, config, jobs, assets, albums, connectors } = deps;
  const shareUrl = (id: string) => `${config.publicUrl}/s/${id}`;
  const cropUrl = (id: string) => `${config.publicUrl}/s/${id}/image.png`;

  async function targetsFor(actor: Actor) {
    const all = await connectors.targetsFor(actor.principal.accountId);
    if (!actor.siteKey) return all;
    const allowed = JSON.parse(actor.siteKey.targets) as string[];
    return all.filter((t) => allowed.includes(t.id));
  }

  /** The album a `kith` share lands in: the named one (must be mine), the key's, or "Shared regions". */
  async function albumFor(actor: Actor, albumId?: string): Promise<string> {
    const id = albumId ?? actor.siteKey?.album_id ?? undefined;
    if (id) {
      const a = await albums.findById(id);
      if (a?.owner_id !== actor.principal.accountId) throw errors.notFound('album');
      return id;
    }
    return albums.findOrCreate(actor.principal, DEFAULT_ALBUM_NAME);
  }

  async function delivery(row: RegionShareRow): Promise<Delivery> {
    const asset = await assets.findById(row.asset_id);
    if (!asset) throw errors.notFound('asset');
    return {
      shareId: row.id,
      ownerId: row.owner_id,
      shareUrl: shareUrl(row.id),
      cropUrl: cropUrl(row.id),
      crop: { bytes: await deps.blobs.read(asset.sha256), mime: asset.mime, width: asset.width, height: asset.height },
      description: row.description,
      pageUrl: row.page_url,
      imageUrl: row.image_url,
      rect: { x: row.rect_x, y: row.rect_y, width: row.rect_width, height: row.rect_height },
      createdAt: row.created_at,
    };
  }

  /**
   * The `region-share.deliver` job's work (region-share-deliver.job.ts): posts the share to its Mastodon or
   * webhook target. Idempotent (a delivered share is left alone); a failure is recorded on the share and
   * thrown, so the queue retries it with exponential backoff.
   */
  async function deliver(shareId: string): Promise<void> {
    const row = await repo.findById(shareId);
    if (!row || row.delivery_status === 'delivered') return; // idempotent
    try {
      const r = await connectors.deliver(row.target as TargetId, await delivery(row));
      await repo.setDelivery(row.id, 'delivered', r.url ?? null, null);
      deps.realtime.emitToAccount(row.owner_id, 'region-share.delivered', { shareId: row.id, target: row.target, url: r.url ?? null });
    } catch (e) {
      // Recorded on every failed attempt; a later retry that succeeds overwrites it.
      await repo.setDelivery(row.id, 'failed', null, (e as Error).message.slice(0, 500));
      throw e;
    }
  }

  return {
    targetsFor,
    deliver,

    /**
     * Creates one region share.
     * @param bytes the image as the client sent it; absent: fetched from `imageUrl`.
     * @throws 422 `target_unavailable`, `blocked_address`, `image_unreachable`, `unsupported_url`,
     *   `too_many_redirects`, `invalid_region`, `invalid_image`; 413 `payload_too_large`; 415; 404 (album).
     */
    async create(actor: Actor, input: ShareInput, bytes?: Buffer) {
      const ownerId = actor.principal.accountId;
      const targets = await targetsFor(actor);
      const target = targets.find((t) => t.id === input.target);
      if (!target)
        throw errors.unprocessable(
          'target_unavailable',
          `"${input.target}" is not enabled here; choose one of ${targets.map((t) => t.id).join(', ')}.`,
          {
            targets: targets.map((t) => t.id),
          },
        );
      if (bytes && bytes.length > config.fetchMaxBytes) throw errors.payloadTooLarge(config.fetchMaxBytes);
      const source = bytes ? 'uploaded' : 'fetched';
      const image = bytes ?? (await deps.fetchImage(input.imageUrl));
      const crop = await cropRegion(image, input, config.maxImagePixels);

      const name = fileStem(new URL(input.imageUrl, input.pageUrl).pathname);
      // The crop is Kith's own PNG: no second verifying decode; its thumbnail comes from the
      // derivatives job after the answer.
      // A web crop is not a photo of an event, so event detection (and the shared event albums
      // it feeds) leaves it alone.
      const { asset } = await assets.ingestDerived(actor.principal, {
        bytes: crop.png,
        mime: 'image/png',
        width: crop.rect.width,
        height: crop.rect.height,
        filename: `${name.slice(0, 80)}-region.png`,
        eventsDetected: true,
      });

      const id = crypto.randomBytes(12).toString('base64url');
      const row: RegionShareRow = {
        id,
        owner_id: ownerId,
        asset_id: asset.id,
        site_key_id: actor.siteKey?.id ?? null,
        page_url: input.pageUrl,
        image_url: input.imageUrl,
        image_index: input.imageIndex,
        rect_x: crop.rect.x,
        rect_y: crop.rect.y,
        rect_width: crop.rect.width,
        rect_height: crop.rect.height,
        natural_width: crop.natural.width,
        natural_height: crop.natural.height,
        description: input.description,
        target: target.id,
        image_source: source,
        delivery_status: 'none',
        delivery_url: null,
        delivery_error: null,
        created_at: Date.now(),
      };
      if (target.id === 'kith') {
        const albumId = await albumFor(actor, input.albumId);
        await albums.addAssets(actor.principal, albumId, [row.asset_id]);
        Object.assign(row, { delivery_status: 'delivered', delivery_url: `${config.publicUrl}/albums/${albumId}` });
      } else if (target.kind === 'intent') {
        Object.assign(row, { delivery_status: 'intent', delivery_url: pinterestIntentUrl(input.pageUrl, cropUrl(id), input.description) });
      } else row.delivery_status = 'queued';
      await repo.insert(row);
      if (row.delivery_status === 'queued') await jobs.enqueue('region-share.deliver', { shareId: id });
      return { row, rectSource: crop.rectSource };
    },

    /** One of my shares (delivery status included). @throws 404 `not_found`. */
    async get(principal: Principal, id: string): Promise<RegionShareRow> {
      return deps.access.requireRegionShare(principal, id);
    },

    list: (principal: Principal) => repo.listByOwner(principal.accountId, 200),

    /** A read stream of a crop already looked up through {@link publicShare}. */
    blobStream: (sha: string) => deps.blobs.stream(sha),

    /** The public view of a share (anyone with the link): row plus crop blob. @throws 404 (also while the crop is in the trash). */
    async publicShare(id: string) {
      const row = await repo.findById(id);
      const asset = row && (await assets.findById(row.asset_id));
      // A crop its owner moved to the trash is no longer shown to anyone with the link.
      if (!row || !asset || asset.trashed_at != null) throw errors.notFound('share');
      return { row, asset };
    },

    /** The public share page `/s/{id}` (HTML with Open Graph and Twitter card meta). @throws 404. */
    async sharePage(id: string): Promise<string> {
      const { row } = await this.publicShare(id);
      const ownerName = await repo.ownerName(row.owner_id);
      return renderSharePage(row, { page: shareUrl(row.id), image: cropUrl(row.id) }, ownerName ?? 'someone');
    },
  };
}

export type RegionSharesService = ReturnType<typeof createRegionSharesService>;
