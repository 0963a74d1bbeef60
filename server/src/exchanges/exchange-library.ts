import type { Principal } from '../accounts/accounts.service.js';
import type { AlbumsService } from '../albums/albums.service.js';
import type { AssetsService } from '../assets/assets.service.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { describe } from './exchange-image.js';

/** The album each Kith participant's exchange images land in (issue 5: "saved in each Kith user's library under Exchanges"). */
export const EXCHANGES_ALBUM = 'Exchanges';

export interface RoundImages {
  exchangeId: string;
  n: number;
  /** Blob digests of the metadata-free JPEGs of the round (null: not there, e.g. no composite in exchange mode). */
  requester: string | null;
  responder: string | null;
  result: string | null;
}

/**
 * Saves a finished round into the libraries of the accounts taking part: both captures and the
 * composite, as assets (content-hash dedupe, thumbnails, faces through the normal ingest) in the
 * owner's "Exchanges" album, created on demand. Idempotent: a second run finds the same assets
 * (same bytes) and adds nothing twice, so the job running it may retry.
 */
export function createExchangeLibrary(deps: { blobs: BlobStore; assets: AssetsService; albums: AlbumsService }) {
  return async function saveRound(accounts: Array<{ id: string; username: string }>, images: RoundImages): Promise<void> {
    const files: Array<[string, string]> = [];
    for (const which of ['requester', 'responder', 'result'] as const) {
      const sha = images[which];
      if (sha) files.push([which, sha]);
    }
    const decoded = await Promise.all(files.map(async ([which, sha]) => ({ which, image: await describe(await deps.blobs.read(sha)) })));
    for (const account of accounts) {
      // The service acts for the participant: the exchange made them the owner of these copies.
      const principal: Principal = { accountId: account.id, username: account.username, via: 'session' };
      const ids: string[] = [];
      for (const { which, image } of decoded) {
        const { asset } = await deps.assets.ingestDerived(principal, {
          bytes: image.bytes,
          mime: 'image/jpeg',
          width: image.width,
          height: image.height,
          filename: `exchange-${images.exchangeId.slice(0, 8)}-${images.n}-${which}.jpg`,
          eventsDetected: true,
        });
        ids.push(asset.id);
      }
      const albumId = await deps.albums.findOrCreate(principal, EXCHANGES_ALBUM);
      await deps.albums.addAssets(principal, albumId, ids);
    }
  };
}
