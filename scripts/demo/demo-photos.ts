import cliProgress from 'cli-progress';
import { makePhotoFixture, offsetMetres, type GeoPoint } from '@kith/bench/fixtures';
import { ok, type DemoName, type DemoSession } from './demo-users.js';

/** The party venue; shots with GPS sit a few metres around it. */
export const VENUE: GeoPoint = { latitude: 40.72143, longitude: -73.98794 };

/** One party photo: who took it, when (camera wall clock), and where (when the phone recorded it). */
export interface PlannedPhoto {
  sample: number;
  owner: DemoName;
  takenAt: string;
  gps?: GeoPoint;
}

/**
 * The evening of 2026-06-13. Alice's two shots open and close the party less than the
 * event gap (3 h) apart, so her event window (± the 1 h margin) covers everyone's photos:
 * that is what lets her share gather bob's, carol's and dave's (event-photo-sharing claim 1).
 */
export const PARTY_PLAN: PlannedPhoto[] = [
  { sample: 0, owner: 'alice', takenAt: '2026-06-13T19:20:00', gps: offsetMetres(VENUE, 3, -2) },
  { sample: 1, owner: 'alice', takenAt: '2026-06-13T22:05:00' },
  { sample: 2, owner: 'bob', takenAt: '2026-06-13T19:55:00', gps: offsetMetres(VENUE, -4, 5) },
  { sample: 3, owner: 'bob', takenAt: '2026-06-13T21:10:00', gps: offsetMetres(VENUE, 1, 7) },
  { sample: 4, owner: 'carol', takenAt: '2026-06-13T20:40:00' },
  { sample: 5, owner: 'dave', takenAt: '2026-06-13T22:45:00', gps: offsetMetres(VENUE, -6, -3) },
];

export interface UploadedPhoto extends PlannedPhoto {
  filename: string;
  assetId: string;
  status: 'created' | 'duplicate';
  /** As Kith read it from the EXIF (ISO). */
  capturedAt: string;
}

/**
 * Re-encodes each planned photo at 1600 px with its EXIF time/GPS (deterministic bytes, so a
 * re-run uploads identical files and gets `duplicate` back) and uploads it with
 * `POST /api/assets` multipart, one file per request, showing a cli-progress bar.
 *
 * @throws when a file fails (`failed` result) or the request is rejected.
 */
export async function uploadParty(baseUrl: string, sessions: Map<DemoName, DemoSession>): Promise<UploadedPhoto[]> {
  const bar = new cliProgress.SingleBar(
    { format: '  uploading {bar} {value}/{total} photos | {file}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(PARTY_PLAN.length, 0, { file: '' });
  const out: UploadedPhoto[] = [];
  try {
    for (const p of PARTY_PLAN) {
      const filename = `party-${p.owner}-sample${p.sample + 1}.jpg`;
      bar.update({ file: `${p.owner} ← ${filename}` });
      const jpeg = await makePhotoFixture(p.sample, {
        capturedAt: p.takenAt,
        width: 1600,
        gps: p.gps,
        camera: { make: 'Kith', model: `${p.owner}'s phone` },
      });
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), filename);
      const res = await fetch(`${baseUrl}/api/assets`, { method: 'POST', headers: { cookie: sessions.get(p.owner)!.cookie }, body: form });
      const body = (await res.json()) as any;
      const r = body.results?.[0] ?? body.details?.results?.[0];
      if (!res.ok || !r?.asset)
        throw new Error(
          `upload ${filename}: HTTP ${res.status} ${r?.error?.code ?? body.code ?? ''} ${r?.error?.message ?? body.message ?? ''}`,
        );
      out.push({ ...p, filename, assetId: r.asset.id, status: r.status, capturedAt: r.asset.capturedAt });
      bar.increment();
    }
  } finally {
    bar.stop();
  }
  return out;
}

/**
 * Polls `GET /api/assets` for each owner until every uploaded asset reports `ready`
 * (thumbnail and preview made by the job queue).
 *
 * @throws after `timeoutMs` with the ids still pending.
 */
export async function waitForDerivatives(
  sessions: Map<DemoName, DemoSession>,
  photos: UploadedPhoto[],
  timeoutMs = 120_000,
): Promise<void> {
  const pending = new Set(photos.map((p) => p.assetId));
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0) {
    for (const s of sessions.values()) {
      const { data } = await s.kith.GET('/api/assets', { params: { query: { limit: 200 } } });
      for (const a of data?.items ?? []) if (a.ready) pending.delete(a.id);
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) throw new Error(`derivatives not ready after ${timeoutMs / 1000}s: ${[...pending].join(', ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Alice's event covering her shots of the evening; events are detected after ingest, so poll briefly. */
export async function findPartyEvent(alice: DemoSession, photos: UploadedPhoto[]) {
  const hers = photos.filter((p) => p.owner === 'alice').map((p) => Date.parse(p.capturedAt));
  for (let i = 0; i < 60; i++) {
    const { events } = ok('GET /api/events', await alice.kith.GET('/api/events'));
    const ev = events.find((e) => hers.every((t) => Date.parse(e.startAt) <= t && t <= Date.parse(e.endAt)));
    if (ev) return ev;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `alice has no event covering her party photos (${photos
      .filter((p) => p.owner === 'alice')
      .map((p) => p.capturedAt)
      .join(', ')})`,
  );
}
