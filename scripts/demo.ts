/**
 * `npm run demo`: loads real people and photos into a running Kith over HTTP, then has
 * alice share the party as an event album (event-photo-sharing claim 1): her shots plus
 * those of her mutual contacts taken in the same evening, sent to everyone who contributed.
 *
 * Re-runnable: passwords live in data/demo-passwords.json, identical photo bytes come back
 * as duplicates, and sharing an event again updates the same album.
 *
 * Env: KITH_URL (default http://localhost:2342).
 */
import { importAddressBook, listContacts, setProfile } from './demo/demo-contacts.js';
import { PARTY_PLAN, uploadParty, waitForDerivatives, type UploadedPhoto } from './demo/demo-photos.js';
import {
  DEMO_PEOPLE,
  PASSWORDS_FILE,
  ServerDownError,
  assertServerUp,
  ok,
  openSession,
  type DemoName,
  type DemoSession,
} from './demo/demo-users.js';

const KITH_URL = (process.env.KITH_URL ?? 'http://localhost:2342').replace(/\/+$/, '');
const step = (title: string) => console.log(`\n\x1b[1m${title}\x1b[0m`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Alice's event covering her shots of the evening; events are detected after ingest, so poll briefly. */
async function findPartyEvent(alice: DemoSession, photos: UploadedPhoto[]) {
  const hers = photos.filter((p) => p.owner === 'alice').map((p) => Date.parse(p.capturedAt));
  for (let i = 0; i < 60; i++) {
    const { events } = ok('GET /api/events', await alice.kith.GET('/api/events'));
    const ev = events.find((e) => hers.every((t) => Date.parse(e.startAt) <= t && t <= Date.parse(e.endAt)));
    if (ev) return ev;
    await sleep(500);
  }
  throw new Error(
    `alice has no event covering her party photos (${photos
      .filter((p) => p.owner === 'alice')
      .map((p) => p.capturedAt)
      .join(', ')})`,
  );
}

async function main(): Promise<void> {
  console.log(`Kith demo against ${KITH_URL}`);
  await assertServerUp(KITH_URL);

  step('1. People');
  const sessions = new Map<DemoName, DemoSession>();
  for (const person of DEMO_PEOPLE) {
    const s = await openSession(KITH_URL, person);
    sessions.set(person.username, s);
    console.log(`  ${s.created ? 'signed up' : 'logged in'} ${person.username.padEnd(6)} (${person.displayName})`);
  }

  step('2. Address books (vCard 3.0 with a PHOTO per friend, imported through POST /api/contacts/import)');
  for (const s of sessions.values()) await setProfile(KITH_URL, s);
  for (const s of sessions.values()) {
    const r = await importAddressBook(KITH_URL, s);
    console.log(
      `  ${s.person.username.padEnd(6)} imported ${r.imported}, linked ${r.linked}, skipped ${r.skipped}` +
        (r.skipped ? ` (e.g. ${r.cards.find((c) => c.status === 'skipped')?.reason ?? 'no reason given'})` : ''),
    );
  }
  const aliceContacts = await listContacts(sessions.get('alice')!);
  console.log(
    `  alice holds: ${aliceContacts.map((c) => `${c.name} → ${c.linked ?? 'no account'}${c.mutual ? ' (mutual)' : ''}${c.photo ? ' with photo' : ''}`).join(', ')}`,
  );

  step('3. Party photos of 2026-06-13 (EXIF capture time, some with GPS)');
  const photos = await uploadParty(KITH_URL, sessions);
  for (const p of photos)
    console.log(`  ${p.owner.padEnd(6)} ${p.filename.padEnd(27)} ${p.takenAt.slice(11, 16)} ${p.gps ? 'GPS ' : '    '} ${p.status}`);
  process.stdout.write('  waiting for thumbnails and previews… ');
  await waitForDerivatives(sessions, photos);
  console.log('ready');

  step("4. Alice's event and its share preview");
  const alice = sessions.get('alice')!;
  const event = await findPartyEvent(alice, photos);
  console.log(
    `  event "${event.name}" marker ${event.marker} (${event.source}), ${event.startAt} – ${event.endAt}, ${event.assetCount} of her photos`,
  );
  const marker = { params: { path: { marker: event.marker } } };
  const preview = ok('share preview', await alice.kith.GET('/api/events/{marker}/share-preview', marker));
  for (const r of preview.recipients)
    console.log(`  → ${r.account.username} would receive the album (${r.assetCount} of their photos gathered)`);
  for (const x of preview.excluded) console.log(`  ✗ ${x.account.username} left out: ${x.reason}`);
  console.log(
    `  alice's ${preview.ownAssetCount} photos + her contacts' ${preview.totalAssetCount - preview.ownAssetCount} = ${preview.totalAssetCount} in the album`,
  );

  step('5. Alice shares the event');
  const shared = ok('share', await alice.kith.POST('/api/events/{marker}/share', marker));
  const { album } = ok('GET album', await alice.kith.GET('/api/albums/{id}', { params: { path: { id: shared.album.id } } }));
  const contributors = new Map<string, number>();
  for (const a of album.assets) contributors.set(a.contributor.username, (contributors.get(a.contributor.username) ?? 0) + 1);
  const bobShared = ok('GET shared albums', await sessions.get('bob')!.kith.GET('/api/albums/shared'));
  const bobSees = bobShared.albums.some((a) => a.id === album.id);
  console.log(
    `  POST /api/events/${event.marker}/share → album ${album.id}: ${shared.assetCount} photos (${shared.addedAssetCount} new), sent to ${shared.recipients.map((r) => r.account.username).join(', ')}`,
  );

  step('Summary');
  console.log('  Users (passwords kept in ' + PASSWORDS_FILE + '):');
  for (const s of sessions.values()) {
    const mine = photos.filter((p) => p.owner === s.person.username).map((p) => `sample${p.sample + 1}.jpg @ ${p.takenAt.slice(11, 16)}`);
    console.log(`    ${s.person.username.padEnd(6)} password ${s.password.padEnd(28)} contributed ${mine.join(', ')}`);
  }
  console.log(`  Event:    "${event.name}" (marker ${event.marker})`);
  console.log(`  Album:    ${album.id} "${album.name}", ${album.assetCount} photos (${shared.addedAssetCount} added by this share)`);
  console.log(`  Contributors: ${[...contributors].map(([u, n]) => `${u} ${n}`).join(', ')}`);
  console.log(`  Members:  ${album.members.map((m) => `${m.username} (${m.role})`).join(', ')}`);
  console.log(`  bob sees it under Shared with me: ${bobSees ? 'yes' : 'NO'}`);
  console.log(`\n  Open ${KITH_URL}/albums/${album.id} (log in as alice)`);
  console.log(`  and log in as bob to see it under Shared with me: ${KITH_URL}/shared`);
  if (album.assetCount < PARTY_PLAN.length)
    console.log(`\n  Note: ${PARTY_PLAN.length - album.assetCount} party photos were not gathered; see the preview above.`);
}

main().catch((e: unknown) => {
  if (e instanceof ServerDownError) console.error(`\n${e.message}`);
  else console.error('\nDemo failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
