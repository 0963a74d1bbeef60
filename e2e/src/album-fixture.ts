/**
 * What the album sharing e2e tests (members, public links and their options) share: the two sizes they run
 * at, and a photo uploaded over the API.
 */
import { partyPhoto } from '../../server/test/helpers/photos.js';
import type { ApiUser } from './now-playing-api.js';

/** The phone (360 px, touch) and desktop (1280 px) sizes every album sharing test runs at. */
export const PHONE_AND_DESKTOP = [
  { width: 360, height: 740, phone: true },
  { width: 1280, height: 860, phone: false },
];

/** Playwright context options for one of PHONE_AND_DESKTOP: a phone also gets touch and a mobile viewport. */
export function deviceOf(size: { width: number; height: number; phone: boolean }) {
  const viewport = { width: size.width, height: size.height };
  return size.phone ? { viewport, isMobile: true, hasTouch: true } : { viewport };
}

/** Uploads party photo `n` (640 px wide, `p{n}.jpg`) as `user`; @returns the new asset's id. */
export async function uploadPhoto(url: string, user: ApiUser, n: number): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await partyPhoto(n, { width: 640 }))], { type: 'image/jpeg' }), `p${n}.jpg`);
  const res = await fetch(`${url}/api/assets`, { method: 'POST', body: form, headers: { cookie: user.cookie } });
  const body = (await res.json()) as { results?: Array<{ asset?: { id: string } }> };
  const id = body.results?.[0]?.asset?.id;
  if (!res.ok || !id) throw new Error(`upload p${n}.jpg: ${res.status} ${JSON.stringify(body)}`);
  return id;
}
