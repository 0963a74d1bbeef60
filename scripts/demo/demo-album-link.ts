/**
 * Demo step: alice makes a public link to the party album (view only: no download of originals, no uploads) and a
 * stranger opens it logged out: the page `/l/{key}` and what its API `GET /api/l/{key}` shows, with no cookie at all.
 */
import { ok, type DemoSession } from './demo-users.js';

export interface StrangerView {
  url: string;
  pageStatus: number;
  albumName: string;
  ownerName: string;
  photos: number;
  /** What asking for an original says (403 `download_not_allowed` on a view-only link). */
  original: string;
  revokedStatus: number;
}

/** Creates the link, looks at it as a stranger, then makes and revokes a second link to show what a dead one says. */
export async function publicAlbumLink(kithUrl: string, alice: DemoSession, albumId: string): Promise<StrangerView> {
  const path = { params: { path: { id: albumId } } };
  const { link } = ok(
    'create link',
    await alice.kith.POST('/api/albums/{id}/links', { ...path, body: { label: 'demo', allowDownload: false } }),
  );
  const page = await fetch(`${kithUrl}/l/${link.key}`, { headers: { accept: 'text/html' } });
  await page.body?.cancel();
  const res = await fetch(`${kithUrl}/api/l/${link.key}`);
  const view = (await res.json()) as { album: { name: string; ownerName: string }; assets: Array<{ id: string }> };
  const first = view.assets[0];
  const original = first ? await fetch(`${kithUrl}/api/l/${link.key}/assets/${first.id}/original`) : undefined;
  const originalSays = original ? `${original.status} ${((await original.json()) as { code: string }).code}` : 'no photo';

  const { link: spare } = ok(
    'create spare link',
    await alice.kith.POST('/api/albums/{id}/links', { ...path, body: { label: 'demo, revoked' } }),
  );
  // 204 No Content: there is no body for `ok` to unwrap.
  const revoked = await alice.kith.DELETE('/api/album-links/{linkId}', { params: { path: { linkId: spare.id } } });
  if (!revoked.response.ok) throw new Error(`revoke failed: HTTP ${revoked.response.status}`);
  const dead = await fetch(`${kithUrl}/l/${spare.key}`, { headers: { accept: 'text/html' } });
  await dead.body?.cancel();
  return {
    url: link.url,
    pageStatus: page.status,
    albumName: view.album.name,
    ownerName: view.album.ownerName,
    photos: view.assets.length,
    original: originalSays,
    revokedStatus: dead.status,
  };
}
