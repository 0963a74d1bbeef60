import sharp from 'sharp';
import { PARTY_FACES } from '@kith/bench/fixtures';
import type { UploadedPhoto } from './demo-photos.js';
import { ok, type DemoSession } from './demo-users.js';

/** The outcome the demo prints: where the share lives and what was cut. */
export interface RegionShareResult {
  id: string;
  /** Public page `/s/{id}` (Open Graph and Twitter card meta). */
  url: string;
  imageUrl: string;
  /** The rectangle Kith cut, in pixels of the photo alice saw. */
  rect: { x: number; y: number; width: number; height: number };
  natural: { width: number; height: number };
  /** Size of the public PNG, read back with sharp. */
  png: { width: number; height: number };
  /** Album page the `kith` target added the crop to. */
  albumUrl: string | null;
  /** The share page answered 200 without a login and carries `og:image`. */
  publicPageOk: boolean;
  assetId: string;
  sourceFile: string;
}

/**
 * alice opens the event album, finds bob's photo she is in (`PARTY_FACES.alice` says which and
 * where) and shares just the region around her face, head and shoulders, to her Kith album
 * "Shared regions" (`POST /api/region-shares`, target `kith`).
 *
 * The image bytes travel in the request (`imageData`, base64), as the overlay sends them for an
 * image behind a login: Kith's SSRF guard refuses to fetch loopback and private addresses, so a
 * server on localhost cannot fetch its own `/api/assets/{id}/original`.
 *
 * @throws when the photo is not in the album or the share is refused (`code` of the server).
 */
export async function shareRegion(
  baseUrl: string,
  alice: DemoSession,
  albumId: string,
  photos: UploadedPhoto[],
): Promise<RegionShareResult> {
  const face = PARTY_FACES.alice;
  const photo = photos.find((p) => p.sample === face.photo);
  if (!photo) throw new Error(`no uploaded photo sample${face.photo + 1}.jpg to share a region of`);
  const { album } = ok('GET album', await alice.kith.GET('/api/albums/{id}', { params: { path: { id: albumId } } }));
  const asset = album.assets.find((a) => a.id === photo.assetId);
  if (!asset) throw new Error(`${photo.filename} is not in album ${albumId}; the region share needs alice to see it`);

  const imageUrl = new URL(asset.originalUrl, baseUrl).href;
  const res = await fetch(imageUrl, { headers: { cookie: alice.cookie } });
  if (!res.ok) throw new Error(`GET ${asset.originalUrl} as alice: HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  const natural = { width: meta.width!, height: meta.height! };

  // PARTY_FACES is in pixels of the 1920 px original; the uploaded photo is smaller.
  const k = natural.width / 1920;
  const rect = {
    x: Math.round(face.left * k),
    y: Math.round(face.top * k),
    width: Math.round(face.size * k),
    height: Math.min(Math.round(face.size * 1.6 * k), natural.height - Math.round(face.top * k)),
  };
  const fraction = {
    x: rect.x / natural.width,
    y: rect.y / natural.height,
    width: rect.width / natural.width,
    height: rect.height / natural.height,
  };
  const { share } = ok(
    'POST /api/region-shares',
    await alice.kith.POST('/api/region-shares', {
      body: {
        pageUrl: `${baseUrl}/albums/${albumId}`,
        imageUrl,
        imageIndex: album.assets.indexOf(asset),
        rect,
        fraction,
        naturalWidth: natural.width,
        naturalHeight: natural.height,
        description: `Me at the party, from ${asset.owner.displayName}'s photo`,
        target: 'kith',
        imageData: bytes.toString('base64'),
      },
    }),
  );

  // Read back as an anonymous visitor would, through the address the demo reaches Kith at
  // (share.url is built on KITH_PUBLIC_URL, which may name another host).
  const local = (u: string) => new URL(new URL(u).pathname, baseUrl).href;
  const page = await fetch(local(share.url));
  const html = page.ok ? await page.text() : '';
  const png = await sharp(Buffer.from(await (await fetch(local(share.imageUrl))).arrayBuffer())).metadata();
  return {
    id: share.id,
    url: share.url,
    imageUrl: share.imageUrl,
    rect: share.rect,
    natural: share.natural,
    png: { width: png.width!, height: png.height! },
    albumUrl: share.delivery.url,
    publicPageOk: page.ok && html.includes('og:image'),
    assetId: share.assetId,
    sourceFile: photo.filename,
  };
}

/**
 * The crop is a new photo in alice's library, so Kith analyses its faces too: asks who the
 * face in it is (`GET /api/assets/{id}/faces`), after face analysis caught up.
 *
 * @returns the person names Kith gave the crop's faces (null for unassigned faces).
 */
export async function cropFaces(alice: DemoSession, assetId: string): Promise<(string | null)[]> {
  const { faces } = ok('GET /api/assets/{id}/faces', await alice.kith.GET('/api/assets/{id}/faces', { params: { path: { id: assetId } } }));
  return faces.map((f) => f.personName);
}
