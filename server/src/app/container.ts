import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import path from 'node:path';
import { createBlobStore } from '../blobs/create-blob-store.js';
import { sweepTempFiles, TEMP_SWEEP_GRACE_MS } from '../blobs/temp-sweep.js';
import { createJobQueue } from '../jobs/create-job-queue.js';
import { createSocketHub } from '../realtime/socket-hub.js';
import { createRedisEmitterHub } from '../realtime/redis-emitter-hub.js';
import { createAccountsService } from '../accounts/accounts.service.js';
import { createPasswordsService, type VerifyPassword } from '../accounts/passwords.service.js';
import { createReferenceFacesService } from '../faces/reference-faces.service.js';
import { createContactsService } from '../contacts/contacts.service.js';
import { createLinkQuestionsService } from '../contacts/link-questions.service.js';
import { createEmailVerificationService } from '../accounts/email-verification.service.js';
import { createMailer } from '../mail/mailer.js';
import { createVCardReader } from '../contacts/vcard-pool.js';
import { createAlbumsService } from '../albums/albums.service.js';
import { createAlbumLinksService } from '../albums/album-links.service.js';
import { createAlbumMembersService } from '../albums/album-members.service.js';
import { createPublicAlbumService } from '../albums/public-album.service.js';
import { createAssetsService } from '../assets/assets.service.js';
import { createTrashService } from '../assets/trash.service.js';
import { registerTrashPurgeJob } from '../assets/trash-purge.job.js';
import { createEventSharingService } from '../events/event-sharing.service.js';
import { createEventsService } from '../events/events.service.js';
import { registerEventDetectionJob } from '../events/event-detection.job.js';
import { createFaceAnalyser } from '../faces/face-analyser.js';
import { createRemoteFaceAnalyser, registerFaceCheckJob } from '../faces/face-check.job.js';
import { createFacesService } from '../faces/faces.service.js';
import { createPeopleService } from '../faces/people.service.js';
import { createMergeSuggestionsService } from '../faces/merge-suggestions.service.js';
import { createAddressPolicy, parseCidrList } from '../net/address-policy.js';
import { guardedFetch, type Resolver } from '../net/guarded-fetch.js';
import { createSecretBox } from '../connectors/secret-box.js';
import { createConnectorsService } from '../connectors/connectors.service.js';
import type { HttpPort } from '../connectors/connector.js';
import { createPageImagesService } from '../region-shares/page-images.service.js';
import { createRegionSharesService } from '../region-shares/region-shares.service.js';
import { createSiteKeysService } from '../region-shares/site-keys.service.js';
import { errors } from '../common/errors.js';
import { createInboxService } from '../inbox/inbox.service.js';
import { createRoutingService } from '../routing/routing.service.js';
import { createInboxClient } from '../routing/inbox-client.js';
import { createSenderVerifier } from '../inbox/sender-verification.js';
import { createSigningKeysService } from '../signing/signing-keys.service.js';

/** Test seams of the container: DNS for the SSRF guard, Mastodon polling pace, the exchanges' compositor. */
export interface ContainerOptions {
  /**
   * `serve` (default): HTTP instance, with the socket hub; with `KITH_QUEUE=bullmq` it only enqueues jobs.
   * `worker` (`kith worker`, BullMQ only): runs the jobs, has no sockets, and publishes realtime events
   * through Redis to the instances.
   */
  role?: 'serve' | 'worker';
  resolve?: Resolver;
  mastodonPollMs?: number;
  composer?: ExchangeComposer;
  /** The clock of the trash (when a photo was deleted, when its time is up), ms since epoch; default Date.now. */
  now?: () => number;
  /** The argon2 password check (default @node-rs/argon2 `verify`), so a test can see that unknown users cost one too. */
  verifyPassword?: VerifyPassword;
}
import { deriveServerKey, resolveServerSecret } from '../config/server-secret.js';
import { createNowPlayingService } from '../now-playing/now-playing.service.js';
import { createAssociationService } from '../now-playing/now-playing-association.service.js';
import { createScrobblerAuth } from '../now-playing/compat/scrobbler-auth.js';
import { createConfirmationsService } from '../now-playing/now-playing-confirmations.service.js';
import { createIdentityFanout } from '../now-playing/now-playing-identity-fanout.js';
import { createPhoneVerificationService } from '../phone/phone-verification.service.js';
import { createTwilioGateway } from '../phone/sms-gateway.js';
import { createExchangesModule } from '../exchanges/exchanges.module.js';
import type { ExchangeComposer } from '../exchanges/composer-port.js';
import { createGroupPhotoComposer } from '../exchanges/synthesis/group-photo-composer.js';
import { createCardDavClient } from '../carddav/carddav.client.js';
import { createCarddavService } from '../carddav/carddav.service.js';
import { registerCarddavJobs } from '../carddav/carddav.job.js';
import { davFetch } from '../carddav/dav-fetch.js';

/** Attempts per job (backoff 0.5 s, doubling); routing marks a delivery `failed` after as many. */
const JOB_ATTEMPTS = 4;

/**
 * Wires every service once, at start-up: plain factories, no decorator DI.
 * Tests build the same container with their own config (temp dir, PG schema).
 */
export async function createContainer(config: Config, log?: FastifyBaseLogger, opts: ContainerOptions = {}) {
  const database: DatabaseHandle = await openDatabase(config.database, {
    onIdleError: (err) => log?.warn({ cause: err.message }, 'an idle database connection was lost (restart?); the next query reconnects'),
  });
  const { db } = database;
  const role = opts.role ?? 'serve';
  const blobs = await createBlobStore(config);
  // Upload temp files of a process killed mid-upload (temp-sweep.ts: why the grace depends on the engine).
  // Temp files stay on local disk with the S3 store too.
  const swept = await sweepTempFiles(
    path.join(config.dataDir, 'tmp'),
    performance.timeOrigin - TEMP_SWEEP_GRACE_MS[config.database.engine],
  );
  if (swept.removed) log?.info(swept, 'removed upload temp files left by an earlier process');
  const jobs = createJobQueue(config, { role, maxAttempts: JOB_ATTEMPTS, log });
  const secret = resolveServerSecret(config.secret, config.dataDir);
  // A worker has no sockets: its events reach the instances' sockets through Redis.
  const socketHub = createSocketHub({ redisUrl: config.redisUrl, log });
  const realtime = role === 'worker' && config.redisUrl ? await createRedisEmitterHub(config.redisUrl, log) : socketHub;
  // Lazy: the models load on the first photo analysed, never in a server (or test) that analyses none.
  const faceWorkers = createFaceAnalyser(config);
  // One face pool per deployment: beside a `kith worker` (BullMQ), `kith serve` asks the worker
  // (faces.check request jobs) and never starts face workers of its own.
  const faceAnalyser =
    role === 'serve' && config.queue.kind === 'bullmq' ? createRemoteFaceAnalyser(jobs, config, faceWorkers) : faceWorkers;
  registerFaceCheckJob(jobs, faceWorkers);

  // Address books are parsed in a worker thread (docs/security.md "Address-book parsing limits").
  const vcardReader = createVCardReader();
  const contacts = createContactsService({
    db,
    config,
    blobs,
    reader: vcardReader,
    onPhotosImported: async (ids) => {
      if (faceAnalyser.enabled) for (const contactId of ids) await jobs.enqueue('faces.contact', { contactId });
    },
  });
  // Sign-up and phone/e-mail changes link existing contacts that match the account.
  const accounts = createAccountsService({
    db,
    config,
    onAccountCreated: (account) => contacts.relinkAccount(account),
    // account.phone and the now-playing profile's number are one claim (docs/security.md).
    claimPhone: (accountId, phone) => phones.claim(accountId, phone),
    passwords: createPasswordsService({ db, config, verify: opts.verifyPassword }),
  });
  // E-mail verification links go out over SMTP (KITH_SMTP_URL); a verified address links the contacts holding it.
  const mailer = createMailer(config);
  const emailVerification = createEmailVerificationService({ db, config, mailer, onVerified: (a) => contacts.relinkAccount(a) });
  const linkQuestions = createLinkQuestionsService({ db, contacts });
  const referenceFaces = createReferenceFacesService({ db, config, blobs, analyser: faceAnalyser });
  const albums = createAlbumsService({ db, realtime });
  const events = createEventsService({ db, config, realtime });
  const eventSharing = createEventSharingService({ db, config, realtime, events });
  const assets = createAssetsService({
    db,
    config,
    blobs,
    jobs,
    realtime,
    tagAssets: async (ownerId, assetIds, marker, source) => void (await events.tagAssets(ownerId, assetIds, marker, source)),
  });
  // Deleting moves photos to the trash; the purge deletes for ever what stayed KITH_TRASH_DAYS (docs/trash.md).
  const trash = createTrashService({ db, config, blobs, now: opts.now, onAssetsDeleted: (ownerId) => events.onAssetsDeleted(ownerId) });
  await registerTrashPurgeJob(jobs, trash, { schedule: role === 'worker' || config.queue.kind === 'in-process', log });
  // New photos: detect events, then let them join the event albums they belong to.
  registerEventDetectionJob(jobs, events, eventSharing, assets.repo);
  // Each new photo's faces are found and placed in people (faces.analyse, queued by ingest).
  const faces = createFacesService({
    db,
    config,
    blobs,
    jobs,
    realtime,
    analyser: faceAnalyser,
    assets: assets.repo,
    log,
    // Then the contacts recognised in it become deliveries or suggestions (server-side routing); a routing
    // failure is logged, never a reason to analyse the photo again.
    onFacesPlaced: (ownerId, assetId, o) =>
      routing
        .onFacesPlaced(ownerId, assetId, o)
        .catch((err: unknown) => log?.error({ err, assetId }, 'routing after face analysis failed')),
  });
  const people = createPeopleService({ db, realtime });
  const mergeSuggestions = createMergeSuggestionsService({ db, people, analyser: faceAnalyser });
  // Album sharing: members (contacts only through verified accounts) and public links `/l/{key}`.
  const albumMembers = createAlbumMembersService({ db, realtime, albums, contacts, linkQuestions });
  const albumLinks = createAlbumLinksService({ db, albums, publicUrl: config.publicUrl });
  const publicAlbums = createPublicAlbumService({ db, config, assets, realtime, tokenKey: deriveServerKey(secret, 'album-links') });
  // The public album inbox (seed CN103369031A claims 4–7): also the seam same-server delivery calls (`inbox.receive`).
  const inbox = createInboxService({ db, config, assets, albums, faceAnalyser, realtime });

  // Every outbound fetch (source images, Mastodon, webhooks) goes through the SSRF guard.
  const policy = createAddressPolicy(parseCidrList(config.fetchAllow));
  const fetchOpts = { policy, maxBytes: config.fetchMaxBytes, timeoutMs: config.fetchTimeoutMs, resolve: opts.resolve };
  const http: HttpPort = (url, init) => guardedFetch(url, { ...fetchOpts, ...init });
  // RFC 9421 inbox signatures: accounts' keys (private halves sealed at rest) and the receiving side's check.
  const signingKeys = createSigningKeysService({
    db,
    publicUrl: config.publicUrl,
    box: createSecretBox(deriveServerKey(secret, 'signing-keys')),
  });
  const senderVerifier = createSenderVerifier({ http, localHost: new URL(config.publicUrl).host, localKey: signingKeys.localPublicKey });
  const connectors = createConnectorsService({
    db,
    box: createSecretBox(deriveServerKey(secret, 'connector-secrets')),
    http,
    mastodonPollMs: opts.mastodonPollMs,
  });
  // CardDAV address books (RFC 6352/6578): requests through the SSRF guard, cards through the import's writer.
  const carddav = createCarddavService({
    db,
    config,
    box: createSecretBox(deriveServerKey(secret, 'connector-secrets')),
    client: createCardDavClient(davFetch((url, init) => guardedFetch(url, { ...fetchOpts, ...init }))),
    writer: contacts.cardWriter,
    reader: vcardReader,
    enqueueSync: (bookId) => jobs.enqueue('carddav.sync', { bookId }),
    onPhotos: async (ids) => {
      if (faceAnalyser.enabled) for (const contactId of ids) await jobs.enqueue('faces.contact', { contactId });
    },
  });
  await registerCarddavJobs(jobs, carddav, config.carddavIntervalMs);
  const routing = createRoutingService({
    db,
    config,
    blobs,
    jobs,
    realtime,
    assets: assets.repo,
    // Same-server delivery: straight into the recipient's inbox, with the public inbox's checks.
    inbox: (input) => inbox.receive(input),
    remote: createInboxClient(http),
    signingKey: signingKeys.serverKey,
    maxAttempts: JOB_ATTEMPTS,
    log,
  });
  const siteKeys = createSiteKeysService({ db });
  const regionShares = createRegionSharesService({
    db,
    config,
    blobs,
    jobs,
    realtime,
    assets,
    albums,
    connectors,
    fetchImage: async (url) => {
      const res = await guardedFetch(url, fetchOpts);
      if (res.status < 200 || res.status >= 300)
        throw errors.unprocessable(
          'image_unreachable',
          `Kith could not fetch ${url}: it answered HTTP ${res.status}. Send the image bytes instead.`,
          {
            url,
            status: res.status,
          },
        );
      return res.body;
    },
  });
  // Region sharing from the installed app: the pictures of a shared page, fetched through the same guard.
  const pageImages = createPageImagesService(fetchOpts);
  const nowPlaying = createNowPlayingService({ db, config, realtime, onError: (e) => log?.error({ err: e }, 'now-playing expiry failed') });
  // Verifications, evictions and confirmations move people into and out of audiences: pushed live.
  const fanout = createIdentityFanout({ db, config, nowPlaying, realtime });
  // Phone numbers are verified by SMS code (KITH_SMS_*, through the SSRF guard), an admin, or confirmed by contacts.
  const phones = createPhoneVerificationService({
    db,
    config,
    secret,
    sms: config.sms ? createTwilioGateway(config.sms, (url, init) => guardedFetch(url, { ...fetchOpts, ...init })) : undefined,
    onPhoneChanged: async (ids) => {
      for (const account of await accounts.repo.findByIds(ids)) await contacts.relinkAccount(account);
    },
    around: (ids, change) => fanout.around(ids, change),
  });
  const association = createAssociationService({ db, config, secret, nowPlaying, phones, reader: vcardReader });
  const confirmations = createConfirmationsService({ db, config, nowPlaying, hashPhone: association.hashPhone, fanout });
  const scrobblers = createScrobblerAuth({ db, config, secret, accounts });
  // Expiry timers belong to the instances that serve now playing, not to workers.
  if (role === 'serve') await nowPlaying.restoreTimers();
  // Synthesis mode's compositor: segmentation and face analysis run in the face worker pool.
  const composer: ExchangeComposer =
    opts.composer ?? createGroupPhotoComposer({ faceAnalyser: faceWorkers, maxPixels: config.maxImagePixels });
  const exchanges = await createExchangesModule({ db, config, blobs, jobs, realtime, assets, albums, composer, log });

  return {
    config,
    database,
    db,
    blobs,
    jobs,
    realtime: socketHub,
    accounts,
    emailVerification,
    contacts,
    linkQuestions,
    vcardReader,
    referenceFaces,
    albums,
    albumMembers,
    albumLinks,
    publicAlbums,
    assets,
    trash,
    events,
    eventSharing,
    faceAnalyser,
    /** This process's own face pool: unused (never started) in a `kith serve` beside a `kith worker`. */
    faceWorkers,
    faces,
    people,
    mergeSuggestions,
    inbox,
    signingKeys,
    senderVerifier,
    connectors,
    carddav,
    siteKeys,
    regionShares,
    pageImages,
    routing,
    nowPlaying,
    association,
    phones,
    confirmations,
    scrobblers,
    exchanges,
    async close() {
      mailer?.close();
      nowPlaying.close();
      exchanges.close();
      await jobs.close();
      await faceWorkers.close();
      await vcardReader.close();
      await socketHub.close();
      if (realtime !== socketHub) await (realtime as { close(): Promise<void> }).close();
      blobs.close();
      await database.close();
    },
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;
