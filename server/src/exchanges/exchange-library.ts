import type { Principal } from '../common/principal.js';
import type { AlbumsService } from '../albums/albums.service.js';
import type { AssetRow } from '../assets/assets.repository.js';
import type { AssetsService } from '../assets/assets.service.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { describe } from './exchange-image.js';

/** The album an exchange image the user saves lands in (saved in each Kith user's library under Exchanges). */
export const EXCHANGES_ALBUM = 'Exchanges';

/** One image of a round, as the exchange holds it. */
export interface RoundImage {
  exchangeId: string;
  n: number;
  which: 'requester' | 'responder' | 'result';
  /** Blob digest of the metadata-free JPEG the exchange passes on. */
  sha: string;
  /** SHA-256 of the bytes as the side sent them, before re-encoding (null for the composite and older rounds). */
  sourceSha: string | null;
}

/**
 * How a save ended: `original` (the photo as sent is already in the library; no copy is made),
 * `saved` (a new library photo), `already_saved` (saved before: the same photo again).
 */
export type SaveOutcome = 'original' | 'saved' | 'already_saved';

/**
 * Saving an exchange image into the saver's library, on request only. Exchange images stay in
 * the exchange otherwise: a re-encoded copy of a photo the library already holds, without its
 * EXIF date, would show under "Today" and twice on a person's page.
 *
 * Once: the re-encoded bytes are content-addressed per owner, so a second save finds the first.
 * Deduplicated against the original: when the library holds the bytes the side sent (the
 * photo it was picked from), that photo is the saved one and no copy is made. Either way the
 * photo is filed in the owner's "Exchanges" album, created on demand.
 */
export function createExchangeLibrary(deps: { blobs: BlobStore; assets: AssetsService; albums: AlbumsService }) {
  return async function saveImage(principal: Principal, image: RoundImage): Promise<{ asset: AssetRow; outcome: SaveOutcome }> {
    let asset: AssetRow | undefined;
    let outcome: SaveOutcome = 'original';
    if (image.sourceSha) asset = await deps.assets.findByOwnerAndSha(principal.accountId, image.sourceSha);
    if (!asset) {
      const decoded = await describe(await deps.blobs.read(image.sha));
      const ingested = await deps.assets.ingestDerived(principal, {
        bytes: decoded.bytes,
        mime: 'image/jpeg',
        width: decoded.width,
        height: decoded.height,
        filename: `exchange-${image.exchangeId.slice(0, 8)}-${image.n}-${image.which}.jpg`,
        eventsDetected: true,
      });
      asset = ingested.asset;
      outcome = ingested.status === 'created' ? 'saved' : 'already_saved';
    }
    const albumId = await deps.albums.findOrCreate(principal, EXCHANGES_ALBUM);
    await deps.albums.addAssets(principal, albumId, [asset.id]);
    return { asset, outcome };
  };
}

export type SaveExchangeImage = ReturnType<typeof createExchangeLibrary>;
