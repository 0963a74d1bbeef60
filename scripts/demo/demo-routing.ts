import type { Schemas } from '@kith/sdk';
import type { UploadedPhoto } from './demo-photos.js';
import { ok, type DemoSession } from './demo-users.js';

/** Statuses that are still on their way (the `routing.deliver` job retries with backoff). */
const IN_FLIGHT = new Set(['queued', 'sending']);

/** One photo's routing, as the demo prints it. */
export interface RoutedPhoto {
  assetId: string;
  file: string;
  /** The card's text, e.g. "Send to Carol Lindqvist?"; null when it was answered in an earlier run. */
  prompt: string | null;
  /** Whether this run clicked Send. */
  sentNow: boolean;
  deliveries: Schemas['Delivery'][];
}

/**
 * `GET /api/routing/suggestions`: the "Send to Bob and Carol?" cards Kith made after analysing
 * `s`'s uploads (routing mode `suggest`, the default): one per photo in which a contact with a
 * destination was recognised (never the owner).
 */
export async function suggestionsOf(s: DemoSession): Promise<Schemas['RoutingSuggestion'][]> {
  return ok('GET /api/routing/suggestions', await s.kith.GET('/api/routing/suggestions')).suggestions;
}

/** `GET /api/assets/{id}/deliveries`: where one of `s`'s photos was sent and how it went. */
export async function deliveriesOf(s: DemoSession, assetId: string): Promise<Schemas['Delivery'][]> {
  return ok('GET /api/assets/{id}/deliveries', await s.kith.GET('/api/assets/{id}/deliveries', { params: { path: { id: assetId } } }))
    .deliveries;
}

/**
 * Polls the deliveries of a photo until none is `queued` or `sending` (delivered, refused,
 * failed: final).
 * @throws after `timeoutMs`, with the statuses still in flight.
 */
export async function waitForDeliveries(s: DemoSession, assetId: string, timeoutMs = 60_000): Promise<Schemas['Delivery'][]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await deliveriesOf(s, assetId);
    if (!list.some((d) => IN_FLIGHT.has(d.status))) return list;
    if (Date.now() > deadline)
      throw new Error(
        `deliveries of ${assetId} still in flight after ${timeoutMs / 1000} s: ${list.map((d) => `${d.contact.name} ${d.status}`).join(', ')}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * alice's side of server-side routing: reads her open suggestions for her own party photos and
 * sends each with one click (`POST /api/routing/suggestions/{assetId}/send`, every suggested
 * contact), then waits for the deliveries. Re-runnable: a photo whose suggestion was answered in
 * an earlier run has no card any more; its deliveries are read back as they stand.
 *
 * @param photos the demo's uploads; only `s`'s own are considered.
 */
export async function routeOwnPhotos(s: DemoSession, photos: UploadedPhoto[]): Promise<RoutedPhoto[]> {
  const mine = photos.filter((p) => p.owner === s.person.username);
  const cards = new Map((await suggestionsOf(s)).map((c) => [c.assetId, c]));
  const out: RoutedPhoto[] = [];
  for (const p of mine) {
    const card = cards.get(p.assetId);
    if (card) {
      const path = { params: { path: { assetId: p.assetId } }, body: {} };
      ok('POST /api/routing/suggestions/{assetId}/send', await s.kith.POST('/api/routing/suggestions/{assetId}/send', path));
    }
    const deliveries = await waitForDeliveries(s, p.assetId);
    out.push({ assetId: p.assetId, file: p.filename, prompt: card?.prompt ?? null, sentNow: !!card, deliveries });
  }
  return out;
}

/** `Carol Lindqvist (carol, on this server): delivered after 1 attempt` / `…: refused face_not_found`. */
export function describeDelivery(d: Schemas['Delivery']): string {
  const where = d.destination === 'local' ? 'on this server' : 'another Kith server';
  const why = d.code ? ` ${d.code}${d.message ? ` (${d.message})` : ''}` : '';
  const tries = d.attempts ? ` after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}` : '';
  return `${d.contact.name} (${d.address}, ${where}): ${d.status}${why}${tries}`;
}

/** Who else has a card waiting (bob: "Send to Alice Moreau?"), left for them to answer in the web app. */
export async function pendingCards(sessions: Iterable<DemoSession>): Promise<{ owner: string; file: string; prompt: string }[]> {
  const out: { owner: string; file: string; prompt: string }[] = [];
  for (const s of sessions)
    for (const c of await suggestionsOf(s)) out.push({ owner: s.person.username, file: c.originalName, prompt: c.prompt });
  return out;
}
