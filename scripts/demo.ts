/**
 * `npm run demo`: loads real people and photos into a running Kith over HTTP and walks through
 * every capability: contacts from vCards, reference faces and People (faces), an event album
 * shared by alice (event-photo-sharing claim 1), a region of a party photo shared to `/s/{id}`
 * (region sharing), friends' now playing over the native and ListenBrainz APIs, live; then the
 * album inbox (a party photo sent to bob's public `POST /inbox/bob` as the XML packet, one refused
 * for not showing him), server-side routing (alice's "Send to Carol?" card sent with one click,
 * each delivery's status), the `kith share` command line, and exchanges (alice and a stranger
 * invited by link make one group photo; alice and bob swap photos), and a public link to the party album that a
 * stranger opens with no account (each run makes a new link, and one it revokes); last, search: a person plus a place
 * ("Carol New York City") and a date phrase.
 *
 * Re-runnable: passwords live in data/demo-passwords.json, identical photo and reference-face bytes
 * come back as duplicates, sharing an event again updates the same album, and the
 * ListenBrainz token of the previous run is revoked before a new one is made; the inbox answers
 * `duplicate` for bytes it already holds, a routing card answered in an earlier run is read back
 * as its deliveries, and each run makes (and ends) new exchanges.
 *
 * Env: KITH_URL (default http://localhost:2342); KITH_DEMO_FACE_TIMEOUT (seconds, default 600).
 */
import { importAddressBook, listContacts, setProfile } from './demo/demo-contacts.js';
import { describePerson, listPeople, progressLine, registerReferenceFaces, waitForFaces, type PersonLine } from './demo/demo-faces.js';
import { describeInboxSend, droppedCounts, inboxListing, issueSigningKey, prepareKithShare, sendToInbox } from './demo/demo-inbox.js';
import { exchangeRound, inviteStranger, synthesisRound } from './demo/demo-exchanges.js';
import { describeDelivery, pendingCards, routeOwnPhotos } from './demo/demo-routing.js';
import {
  associate,
  friendsOf,
  links,
  playNative,
  playViaListenBrainz,
  PLAYS,
  verifyNumbers,
  watchNowPlaying,
} from './demo/demo-now-playing.js';
import { findPartyEvent, PARTY_PLAN, uploadParty, waitForDerivatives } from './demo/demo-photos.js';
import { cropFaces, shareRegion } from './demo/demo-region.js';
import { publicAlbumLink } from './demo/demo-album-link.js';
import { search, searchPersonAndPlace } from './demo/demo-search.js';
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
const FACE_TIMEOUT_MS = Number(process.env.KITH_DEMO_FACE_TIMEOUT ?? 600) * 1000;
const step = (title: string) => console.log(`\n\x1b[1m${title}\x1b[0m`);

/** Waits for face analysis with a one-line progress display; false when the server has it switched off. */
async function facesReady(sessions: Map<DemoName, DemoSession>): Promise<boolean> {
  const tty = process.stdout.isTTY;
  const progress = await waitForFaces(
    sessions,
    FACE_TIMEOUT_MS,
    (p) => tty && process.stdout.write(`\r  analysing faces: ${progressLine(p)}   `),
  );
  console.log(`${tty ? '\r' : ''}  analysed:        ${progressLine(progress)}   `);
  if (progress.some((p) => !p.enabled)) console.log('  face analysis is off on this server (KITH_FACE_ANALYSIS=off): no people to show');
  for (const p of progress.filter((x) => x.failed))
    console.log(`  ⚠ ${p.owner}: the face engine failed on ${p.failed} photo(s); see the server log`);
  return progress.every((p) => p.enabled);
}

async function main(): Promise<void> {
  console.log(`Kith demo against ${KITH_URL}`);
  await assertServerUp(KITH_URL);

  step('1. People');
  const sessions = new Map<DemoName, DemoSession>();
  /** The session of a person step 1 opened (every one of DEMO_PEOPLE, or step 1 has already failed). */
  const sessionOf = (name: DemoName): DemoSession => {
    const s = sessions.get(name);
    if (!s) throw new Error(`The demo has no session for ${name}; step 1 opens one per person.`);
    return s;
  };
  // alice comes first: on a fresh server she is its admin, and the others sign up with her invites.
  const inviteFromAlice = async () => ok('POST /api/invites', await sessionOf('alice').kith.POST('/api/invites')).code;
  for (const person of DEMO_PEOPLE) {
    const s = await openSession(KITH_URL, person, person.username === 'alice' ? undefined : inviteFromAlice);
    sessions.set(person.username, s);
    const role = s.account.isAdmin ? ', admin' : '';
    console.log(`  ${s.created ? 'signed up' : 'logged in'} ${person.username.padEnd(6)} (${person.displayName}${role})`);
  }
  if (sessionOf('alice').account.isAdmin && [...sessions.values()].some((s) => s.created && s.person.username !== 'alice'))
    console.log('  sign-up is invite-only after the first account (KITH_SIGNUP=invite): alice, the admin, invited the others');
  const [alice, bob, carol] = [sessionOf('alice'), sessionOf('bob'), sessionOf('carol')] as const;

  step('2. Address books (vCard 3.0 with a PHOTO per friend, imported through POST /api/contacts/import)');
  for (const s of sessions.values()) await setProfile(KITH_URL, s);
  const kithAddresses = Object.fromEntries([...sessions].map(([name, s]) => [name, s.account.kithAddress]));
  console.log(
    '  each card holds the friend’s Kith address (X-KITH-ADDRESS), which links it: Kith links by an e-mail or phone only once\n' +
      '  its owner proved it (an e-mailed link, an SMS code), and these demo addresses (@kith.example) receive no mail',
  );
  for (const s of sessions.values()) {
    const r = await importAddressBook(KITH_URL, s, kithAddresses);
    console.log(
      `  ${s.person.username.padEnd(6)} imported ${r.imported}, linked ${r.linked}, skipped ${r.skipped}` +
        (r.skipped ? ` (e.g. ${r.cards.find((c) => c.status === 'skipped')?.reason ?? 'no reason given'})` : ''),
    );
  }
  const aliceContacts = await listContacts(alice);
  console.log(
    `  alice holds: ${aliceContacts.map((c) => `${c.name} → ${c.linked ?? 'no account'}${c.mutual ? ' (mutual)' : ''}${c.photo ? ' with photo' : ''}`).join(', ')}`,
  );

  step('3. Reference faces (POST /api/me/reference-faces), each cut from a friend’s party photo');
  for (const p of await registerReferenceFaces(KITH_URL, sessions))
    console.log(
      `  ${p.owner.padEnd(6)} ${p.width}×${p.height} px from sample${p.sample + 1}.jpg → reference face ${p.referenceFaceId.slice(0, 8)} (${p.total} held)`,
    );

  step('4. Party photos of 2026-06-13 (EXIF capture time, some with GPS)');
  const photos = await uploadParty(KITH_URL, sessions);
  for (const p of photos)
    console.log(`  ${p.owner.padEnd(6)} ${p.filename.padEnd(27)} ${p.takenAt.slice(11, 16)} ${p.gps ? 'GPS ' : '    '} ${p.status}`);
  process.stdout.write('  waiting for thumbnails and previews… ');
  await waitForDerivatives(sessions, photos);
  console.log('ready');

  step('5. Faces and people (GET /api/faces/status, then GET /api/people)');
  const facesOn = await facesReady(sessions);
  const people = new Map<DemoName, PersonLine[]>();
  for (const s of facesOn ? sessions.values() : []) {
    people.set(s.person.username, await listPeople(s));
    const list = people.get(s.person.username)!;
    console.log(
      `  ${s.person.username.padEnd(6)} ${list.length ? list.map(describePerson).join(', ') : 'nobody recognised yet (strangers stay unnamed until seen twice)'}`,
    );
  }

  step("6. Alice's event and its share preview");
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

  step('7. Alice shares the event');
  const shared = ok('share', await alice.kith.POST('/api/events/{marker}/share', marker));
  const { album } = ok('GET album', await alice.kith.GET('/api/albums/{id}', { params: { path: { id: shared.album.id } } }));
  const contributors = new Map<string, number>();
  for (const a of album.assets) contributors.set(a.contributor.username, (contributors.get(a.contributor.username) ?? 0) + 1);
  const bobSees = ok('GET shared albums', await bob.kith.GET('/api/albums/shared')).albums.some((a) => a.id === album.id);
  console.log(
    `  POST /api/events/${event.marker}/share → album ${album.id}: ${shared.assetCount} photos (${shared.addedAssetCount} new), sent to ${shared.recipients.map((r) => r.account.username).join(', ')}`,
  );

  step('8. Region sharing: alice cuts herself out of a friend’s photo in the album (POST /api/region-shares, target kith)');
  const region = await shareRegion(KITH_URL, alice, album.id, photos);
  console.log(
    `  from ${region.sourceFile} (${region.natural.width}×${region.natural.height}): region ${region.rect.width}×${region.rect.height} at ${region.rect.x},${region.rect.y}`,
  );
  console.log(
    '  image bytes sent in the request: the SSRF guard will not fetch loopback/private addresses, so a local Kith cannot fetch its own photo',
  );
  console.log(
    `  share page ${region.url} (public, Open Graph: ${region.publicPageOk ? 'yes' : 'NO'}), crop ${region.png.width}×${region.png.height} PNG`,
  );
  console.log(`  added to ${region.albumUrl ?? '(no album)'}`);
  if (facesOn) {
    await facesReady(new Map([['alice', alice]]));
    const names = await cropFaces(alice, region.assetId);
    console.log(
      `  faces in the crop: ${names.map((n) => n ?? 'unknown').join(', ') || 'none'} (matched against alice's own reference face)`,
    );
    people.set('alice', await listPeople(alice));
  }

  step('9. Now playing (PUT /api/now-playing/association, then plays via the native and ListenBrainz APIs)');
  const live = await watchNowPlaying(KITH_URL, bob);
  try {
    const numbers = new Map<DemoName, number>();
    for (const s of sessions.values()) numbers.set(s.person.username, await associate(s));
    // Numbers link nobody until verified; the demo has no SMS gateway, so the admin vouches for them.
    const admin = [...sessions.values()].find((s) => s.account.isAdmin);
    if (admin) {
      const marked = await verifyNumbers(admin, [...sessions.values()]);
      console.log(
        `  no SMS gateway in the demo: ${admin.person.username} (the admin) marks the demo numbers verified` +
          ` (POST /api/admin/accounts/{username}/phone-verified)${marked.length ? `: ${marked.join(', ')}` : ': already verified'}`,
      );
    } else console.log('  none of the demo users is the admin, so their numbers stay unverified claims: friends will not see their plays');
    for (const s of sessions.values()) {
      const l = await links(s);
      console.log(
        `  ${s.person.username.padEnd(6)} uploaded ${numbers.get(s.person.username)} numbers; plays reach ${l.iReach.join(', ') || 'nobody'}; sees ${l.reachesMe.join(', ') || 'nobody'}`,
      );
    }
    const p = await playNative(alice);
    console.log(`  alice  POST /api/now-playing        → ${p.artist} – ${p.title}, until ${p.expires_at.slice(11, 19)} UTC`);
    await playViaListenBrainz(KITH_URL, carol);
    console.log(`  carol  POST /1/submit-listens (Token) → ${PLAYS.carol.artist} – ${PLAYS.carol.title} (playing_now)`);
    for (const e of await live.waitFor(2))
      console.log(
        `  bob's socket.io ⚡ now-playing.updated: ${e.user.username} plays ${e.playing.artist} – ${e.playing.title} (via ${e.playing.via})`,
      );
  } finally {
    live.close();
  }
  const friends = await friendsOf(bob);
  for (const f of friends) console.log(`  bob's Friends: ${f.username.padEnd(6)} ${f.playing ?? 'not playing'}`);

  step(
    '10. Album inbox: alice sends bob party photos through his public POST /inbox/bob (XML packet, no login, signed with a key her Kith issued)',
  );
  const aliceKey = await issueSigningKey(alice);
  console.log(`  alice's Kith issued signing key ${aliceKey.keyid} (RFC 9421, ed25519; public half at /.well-known/kith-keys/alice)`);
  const inboxShots = [await sendToInbox(KITH_URL, alice, 'bob', 5, aliceKey), await sendToInbox(KITH_URL, alice, 'bob', 1, aliceKey)];
  for (const r of inboxShots) console.log(`  HTTP ${r.status}: ${describeInboxSend(r)}`);
  const bobInbox = await inboxListing(bob);
  for (const i of bobInbox) console.log(`  bob's Inbox: ${i.picture} (${i.size}) from ${i.from}, ${i.receivedAt.slice(0, 19)}Z`);
  const drops = Object.entries(await droppedCounts(bob));
  console.log(`  bob's dropped log (all runs): ${drops.map(([code, n]) => `${code} ${n}`).join(', ') || 'empty'}`);
  console.log(`  from a terminal (kith share, its own face engine; not run here): ${await prepareKithShare(KITH_URL, alice)}`);

  step('11. Automatic sharing: alice answers Kith\'s "Send to …?" card for her party photos (GET/POST /api/routing/suggestions)');
  const routed = facesOn ? await routeOwnPhotos(alice, photos) : [];
  for (const r of routed) {
    const how = r.sentNow
      ? `card "${r.prompt}" → Send`
      : r.deliveries.length
        ? 'answered in an earlier run'
        : 'nobody of her contacts in it';
    console.log(`  ${r.file}: ${how}`);
    for (const d of r.deliveries) console.log(`    → ${describeDelivery(d)}`);
  }
  for (const c of await pendingCards([bob, carol, sessionOf('dave')]))
    console.log(`  left for ${c.owner} to answer in the web app: ${c.file} "${c.prompt}"`);
  if (!facesOn) console.log('  face analysis is off: no contact recognised, nothing routed');

  step('12. Exchanges: alice invites a stranger to a group photo (synthesis), then swaps photos with bob');
  const invite = await inviteStranger(KITH_URL, alice, 'Zoë (a stranger)');
  console.log(`  invite link ${invite.inviteUrl} (one-time, QR code ${invite.qrSvgBytes} bytes of SVG)`);
  console.log(
    `  the stranger opens it, joins as "${invite.guestName}" (guest token ${invite.guestToken.slice(0, 6)}…) and sends sample5.jpg`,
  );
  const group = await synthesisRound(KITH_URL, alice, invite, 4, 2);
  console.log(
    `  alice sends sample3.jpg → round ${group.round.n} ${group.round.phase}: ${group.round.resultMode}${group.round.note ? ` (${group.round.note})` : ''}`,
  );
  console.log(`  group photo ${group.size ? `${group.size.width}×${group.size.height} JPEG, saved as ${group.savedAs}` : 'none'}`);
  console.log(`    alice: ${group.resultUrl ?? '—'}`);
  console.log(`    the stranger (no login): ${group.guestUrl ?? '—'}`);
  const swap = await exchangeRound(KITH_URL, alice, bob, 0, 5);
  console.log(
    `  alice ↔ bob (exchange mode, bob accepts): round ${swap.round.n} ${swap.round.phase}; alice got bob's sample6.jpg ` +
      `${swap.size ? `${swap.size.width}×${swap.size.height}, EXIF stripped` : '(no image)'} at ${swap.resultUrl ?? '—'}`,
  );

  step('13. A public link to the album (POST /api/albums/{id}/links), opened by a stranger with no account');
  const stranger = await publicAlbumLink(KITH_URL, alice, album.id);
  console.log(`  ${stranger.url} → the page answers ${stranger.pageStatus}; GET /api/l/{key} with no cookie shows:`);
  console.log(
    `    "${stranger.albumName}" shared by ${stranger.ownerName}, ${stranger.photos} photos; an original: ${stranger.original} (view-only link)`,
  );
  console.log(`  a revoked link's page answers ${stranger.revokedStatus} ("This link no longer works")`);

  step('14. Search (GET /api/search): a person plus a place, then a date phrase, in one box');
  // The party's place as Kith names it offline (GeoNames), the same name its event carries.
  const place = event.place ?? 'New York City';
  const found = facesOn ? await searchPersonAndPlace(alice, place) : null;
  const show = (l: { query: string; understood: string; files: string[] }) =>
    console.log(`  alice: "${l.query}" → ${l.understood} → ${l.files.length} photo(s)${l.files.length ? `: ${l.files.join(', ')}` : ''}`);
  if (found) {
    show(found.both);
    show(found.person);
    show(found.place);
  } else console.log(`  none of alice's named People is in a photo taken at ${place}${facesOn ? '' : ' (face analysis is off)'}`);
  show(await search(alice, 'June 2026'));

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
  console.log('  People:');
  for (const [name, list] of people) console.log(`    ${name.padEnd(6)} ${list.map(describePerson).join(', ') || 'none'}`);
  if (!facesOn) console.log('    (face analysis off on this server)');
  console.log(`  Region:   ${region.url} → ${region.png.width}×${region.png.height} px crop of ${region.sourceFile}`);
  const playing = friends.filter((f) => f.playing).map((f) => `${f.username}: ${f.playing}`);
  console.log(`  bob's friends playing: ${playing.join('; ') || 'none'}`);
  console.log(`  bob got ${live.updates.length} live now-playing.updated event(s)`);
  console.log(`\n  Open ${KITH_URL}/albums/${album.id} (log in as alice), ${KITH_URL}/people for her People`);
  if (found) console.log(`  Search as alice: ${KITH_URL}/search?q=${encodeURIComponent(found.both.query)}`);
  console.log(`  Log in as bob: ${KITH_URL}/shared (the album), ${KITH_URL}/friends (now playing)`);
  console.log(`  Anyone: ${region.url}, the album by link: ${stranger.url}`);
  console.log(
    `  bob's Inbox: ${bobInbox.length} photo(s), ${KITH_URL}/inbox; alice's group photo with a stranger: ${group.savedAs ?? 'none'}`,
  );
  if (album.assetCount < PARTY_PLAN.length)
    console.log(`\n  Note: ${PARTY_PLAN.length - album.assetCount} party photos were not gathered; see the preview above.`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    if (e instanceof ServerDownError) console.error(`\n${e.message}`);
    else console.error('\nDemo failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
