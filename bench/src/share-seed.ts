import crypto from 'node:crypto';
import type { Container } from '../../server/src/app/container.js';

/** Shape of the seeded party: who shares, with whom, and how many photos each took. */
export interface ShareSeedPlan {
  contacts: number;
  /** Photos in the event overall (host + contacts). */
  eventAssets: number;
  /** Photos each contact took on other days (noise the time filter must skip). */
  otherDayAssetsPerContact: number;
}

export interface ShareSeed {
  hostId: string;
  hostUsername: string;
  hostPassword: string;
  contactIds: string[];
  /** Every seeded asset inside the event window (host's and contacts'). */
  eventAssetIds: string[];
  windowStart: number;
  windowEnd: number;
}

const EVENING = new Date('2026-06-13T18:00:00Z').getTime();
const VENUE = { latitude: 40.72143, longitude: -73.98794 };
const hex = (n: number) => crypto.randomBytes(n).toString('hex');

/**
 * Seeds, through the container's own services and its Kysely handle (no HTTP, no image
 * files), a host with `contacts` mutual contacts who all allow event gathering, and
 * `eventAssets` photo rows spread evenly over host and contacts, captured between 18:00 and
 * 23:00 a few metres from one venue. The host's event comes from the real automatic
 * detection (`events.detect`), as after an upload. Blob columns hold random digests: the
 * share path reads rows, never files.
 */
export async function seedShareScenario(c: Container, plan: ShareSeedPlan): Promise<ShareSeed> {
  const { db } = c;
  const hostPassword = 'bench-password-1';
  const { account: host } = await c.accounts.signup({ username: 'host', password: hostPassword, displayName: 'Party Host' });
  const now = Date.now();

  const contactIds = Array.from({ length: plan.contacts }, () => crypto.randomUUID());
  await db
    .insertInto('account')
    .values(
      contactIds.map((id, i) => ({
        id,
        username: `guest${i}`,
        display_name: `Guest ${i}`,
        password_hash: 'not-a-login',
        email: null,
        phone: null,
        is_admin: 0,
        allow_event_gathering: 1,
        created_at: now,
      })),
    )
    .execute();

  // Mutual: the host holds every guest, and every guest holds the host.
  const contact = (owner: string, linked: string, name: string) => ({
    id: crypto.randomUUID(),
    owner_id: owner,
    name,
    phones: '[]',
    emails: '[]',
    urls: '[]',
    kith_address: null,
    album_url: null,
    photo_sha256: null,
    photo_mime: null,
    linked_account_id: linked,
    created_at: now,
    updated_at: now,
  });
  const contactRows = contactIds.flatMap((id, i) => [contact(host.id, id, `Guest ${i}`), contact(id, host.id, 'Party Host')]);
  for (let i = 0; i < contactRows.length; i += 200)
    await db
      .insertInto('contact')
      .values(contactRows.slice(i, i + 200))
      .execute();

  const owners = [host.id, ...contactIds];
  const windowSpan = 5 * 3600_000;
  const asset = (owner: string, capturedAt: number, k: number) => ({
    id: crypto.randomUUID(),
    owner_id: owner,
    sha256: hex(32),
    mime: 'image/jpeg',
    bytes: 2_000_000 + k,
    width: 4032,
    height: 3024,
    original_name: `IMG_${1000 + k}.jpg`,
    captured_at: capturedAt,
    captured_at_source: 'exif' as const,
    latitude: VENUE.latitude + ((k % 7) - 3) * 1e-5,
    longitude: VENUE.longitude + ((k % 5) - 2) * 1e-5,
    camera_make: 'Kith',
    camera_model: 'Bench',
    orientation: 1,
    xmp: null,
    thumbnail_sha256: hex(32),
    preview_sha256: hex(32),
    events_detected: 0,
    favorite: 0,
    archived: 0,
    created_at: now,
  });
  const rows = [];
  const eventAssetIds: string[] = [];
  // The host's photos span the evening (first and last shot), so the event window is 18:00–23:00.
  for (let k = 0; k < plan.eventAssets; k++) {
    const owner = owners[k % owners.length];
    const at =
      owner === host.id && k === 0
        ? EVENING
        : owner === host.id && k === owners.length
          ? EVENING + windowSpan
          : EVENING + ((k * 7919) % windowSpan);
    const row = asset(owner, at, k);
    rows.push(row);
    eventAssetIds.push(row.id);
  }
  for (const [i, owner] of contactIds.entries())
    for (let d = 0; d < plan.otherDayAssetsPerContact; d++)
      rows.push(asset(owner, EVENING - (d + 2) * 86_400_000 - i * 60_000, 100_000 + i * 1000 + d));
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('asset')
      .values(rows.slice(i, i + 100))
      .execute();

  // Real detection, as the job after an upload would run it: the host's event, and each guest's own.
  for (const owner of owners) await c.events.detect(owner);
  const hostAssets = rows.filter((r) => r.owner_id === host.id).map((r) => r.captured_at);
  return {
    hostId: host.id,
    hostUsername: 'host',
    hostPassword,
    contactIds,
    eventAssetIds,
    windowStart: Math.min(...hostAssets),
    windowEnd: Math.max(...hostAssets),
  };
}
