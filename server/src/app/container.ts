import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { isDatabaseUnavailable } from '../db/db-errors.js';
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
import { createAccountsRepository } from '../accounts/accounts.repository.js';
import { createPasswordsRepository } from '../accounts/passwords.repository.js';
import { createEmailVerificationRepository } from '../accounts/email-verification.repository.js';
import { createMailer } from '../mail/mailer.js';
import { createVCardReader } from '../contacts/vcard-pool.js';
import { createAccessService } from '../access/access.service.js';
import { createAccessRepository } from '../access/access.repository.js';
import { createAlbumsService } from '../albums/albums.service.js';
import { createAlbumLinksService } from '../albums/album-links.service.js';
import { createAlbumMembersService } from '../albums/album-members.service.js';
import { createPublicAlbumService } from '../albums/public-album.service.js';
import { createAlbumsRepository } from '../albums/albums.repository.js';
import { createAlbumLinksRepository } from '../albums/album-links.repository.js';
import { createAlbumMembersRepository } from '../albums/album-members.repository.js';
import { createAssetsService } from '../assets/assets.service.js';
import { createTrashService } from '../assets/trash.service.js';
import { createSearchService } from '../search/search.service.js';
import { createSearchRepository } from '../search/search.repository.js';
import { loadPlaceIndex } from '../events/place-names.js';
import { createLibraryViewsService } from '../assets/library-views.service.js';
import { createAssetsRepository } from '../assets/assets.repository.js';
import { createTrashRepository } from '../assets/trash.repository.js';
import { createEventSharingService } from '../events/event-sharing.service.js';
import { createEventsService } from '../events/events.service.js';
import { createEventsRepository } from '../events/events.repository.js';
import { createEventAlbumsRepository } from '../events/event-albums.repository.js';
import { createContactsRepository } from '../contacts/contacts.repository.js';
import { createFaceAnalyser } from '../faces/face-analyser.js';
import { createRemoteFaceAnalyser } from '../faces/face-check.job.js';
import { createFacesService } from '../faces/faces.service.js';
import { createPeopleService } from '../faces/people.service.js';
import { createMergeSuggestionsService } from '../faces/merge-suggestions.service.js';
import { createFacesRepository } from '../faces/faces.repository.js';
import { createPeopleRepository } from '../faces/people.repository.js';
import { createReferenceFacesRepository } from '../faces/reference-faces.repository.js';
import { createContactFacesRepository } from '../faces/contact-faces.repository.js';
import { createReferenceDescriptorsRepository } from '../faces/reference-descriptors.repository.js';
import { createMergeSuggestionsRepository } from '../faces/merge-suggestions.repository.js';
import { createPersonAccess } from '../faces/person.access.js';
import { createReferenceFaceAccess } from '../faces/reference-face.access.js';
import { createContactAccess } from '../contacts/contact.access.js';
import { createLinkQuestionsRepository } from '../contacts/link-questions.repository.js';
import { createContactGroupsRepository } from '../contacts/contact-groups.repository.js';
import { createAddressPolicy, parseCidrList } from '../net/address-policy.js';
import { guardedFetch, type Resolver } from '../net/guarded-fetch.js';
import { createSecretBox } from '../connectors/secret-box.js';
import { createConnectorsService } from '../connectors/connectors.service.js';
import type { HttpPort } from '../connectors/connector.js';
import { createPageImagesService } from '../region-shares/page-images.service.js';
import { createRegionSharesService } from '../region-shares/region-shares.service.js';
import { createSiteKeysService } from '../region-shares/site-keys.service.js';
import { createRegionSharesRepository } from '../region-shares/region-shares.repository.js';
import { errors } from '../common/errors.js';
import { createInboxService } from '../inbox/inbox.service.js';
import { createInboxRepository } from '../inbox/inbox.repository.js';
import { loadOwnReferenceFaces } from '../faces/reference-descriptors.js';
import { createRoutingService } from '../routing/routing.service.js';
import { createRoutingRepository } from '../routing/routing.repository.js';
import { createRoutingEvidenceRepository } from '../routing/routing-evidence.repository.js';
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
import { createScrobblerTokensRepository } from '../now-playing/compat/scrobbler-tokens.repository.js';
import { createConfirmationsService } from '../now-playing/now-playing-confirmations.service.js';
import { createIdentityFanout } from '../now-playing/now-playing-identity-fanout.js';
import { createPhoneVerificationService } from '../phone/phone-verification.service.js';
import { createTwilioGateway } from '../phone/sms-gateway.js';
import type { ExchangesModule } from '../exchanges/exchanges.module.js';
import { createExchangeCore } from '../exchanges/exchange-core.js';
import { createExpiryTimers } from '../exchanges/exchange-expiry.js';
import { createExchangeGuests } from '../exchanges/exchange-guests.service.js';
import { createExchangeLibrary } from '../exchanges/exchange-library.js';
import { createExchangeRounds } from '../exchanges/exchange-rounds.service.js';
import { createExchangesRepository } from '../exchanges/exchanges.repository.js';
import { createExchangesService } from '../exchanges/exchanges.service.js';
import type { ExchangeComposer } from '../exchanges/composer-port.js';
import { createGroupPhotoComposer } from '../exchanges/synthesis/group-photo-composer.js';
import { createCardDavClient } from '../carddav/carddav.client.js';
import { createCarddavService } from '../carddav/carddav.service.js';
import { davFetch } from '../carddav/dav-fetch.js';
import { createDomainEventBus } from '../common/domain-events.js';
import { registerJobHandlers } from './job-registry.js';
import { subscribeReactions } from './subscriptions.js';
import { createCarddavRepository } from '../carddav/carddav.repository.js';
import { createConnectorsRepository } from '../connectors/connectors.repository.js';
import { createSigningKeysRepository } from '../signing/signing-keys.repository.js';
import { createNowPlayingRepository } from '../now-playing/now-playing.repository.js';
import { createNpGraphRepository } from '../now-playing/now-playing-graph.repository.js';
import { createNpConfirmationsRepository } from '../now-playing/now-playing-confirmations.repository.js';
import { createPhoneIdentityRepository } from '../phone/phone-identity.repository.js';

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
  const jobs = createJobQueue(config, { role, maxAttempts: JOB_ATTEMPTS, log, isTransient: isDatabaseUnavailable });
  // Cross-module reactions (common/domain-events.ts), all subscribed in app/subscriptions.ts.
  const domainEvents = createDomainEventBus(log);
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

  // Address books are parsed in a worker thread (docs/security.md "Address-book parsing limits").
  const vcardReader = createVCardReader();
  const contactsRepo = createContactsRepository(db);
  const contactAccess = createContactAccess(contactsRepo);
  const linkQuestionsRepo = createLinkQuestionsRepository(db);
  const contacts = createContactsService({
    repo: contactsRepo,
    questions: linkQuestionsRepo,
    groups: createContactGroupsRepository(db),
    access: contactAccess,
    config,
    blobs,
    reader: vcardReader,
    domainEvents,
  });
  // Sign-up and phone/e-mail changes link existing contacts that match the account.
  const accountsRepo = createAccountsRepository(db);
  const accounts = createAccountsService({
    repo: accountsRepo,
    config,
    domainEvents,
    // account.phone and the now-playing profile's number are one claim (docs/security.md).
    claimPhone: (accountId, phone) => phones.claim(accountId, phone),
    passwords: createPasswordsService({ repo: createPasswordsRepository(db), accounts: accountsRepo, config, verify: opts.verifyPassword }),
  });
  // E-mail verification links go out over SMTP (KITH_SMTP_URL); a verified address links the contacts holding it.
  const mailer = createMailer(config);
  const emailVerification = createEmailVerificationService({
    repo: createEmailVerificationRepository(db),
    accounts: accountsRepo,
    config,
    mailer,
    domainEvents,
  });
  const linkQuestions = createLinkQuestionsService({ repo: linkQuestionsRepo, access: contactAccess, contacts });
  // Repositories of faces and people, shared by their services; access checks are one per resource kind.
  const faceRepos = {
    faces: createFacesRepository(db),
    people: createPeopleRepository(db),
    referenceFaces: createReferenceFacesRepository(db),
    contactFaces: createContactFacesRepository(db),
    references: createReferenceDescriptorsRepository(db),
  };
  const personAccess = createPersonAccess(faceRepos.people);
  const referenceFaces = createReferenceFacesService({
    repo: faceRepos.referenceFaces,
    access: createReferenceFaceAccess(faceRepos.referenceFaces),
    config,
    blobs,
    analyser: faceAnalyser,
  });
  // One access check per resource kind (asset, album, event), called first by the services that take an id.
  const access = createAccessService(createAccessRepository(db));
  const albumsRepo = createAlbumsRepository(db);
  const albumLinksRepo = createAlbumLinksRepository(db);
  // Asset DTOs come from the assets service, wired below (called only once requests run).
  const albums = createAlbumsService({ repo: albumsRepo, access, realtime, toAssetDtos: (rows) => assets.toDtos(rows) });
  const eventsRepo = createEventsRepository(db);
  const eventAlbumsRepo = createEventAlbumsRepository(db);
  const events = createEventsService({
    repo: eventsRepo,
    access,
    eventAlbums: eventAlbumsRepo,
    toAssetDtos: (rows) => assets.toDtos(rows),
    config,
    realtime,
  });
  const eventSharing = createEventSharingService({
    albums: albumsRepo,
    eventAlbums: eventAlbumsRepo,
    contacts: contactsRepo,
    eventsRepo,
    config,
    realtime,
    events,
  });
  const assetsRepo = createAssetsRepository(db);
  const assets = createAssetsService({
    repo: assetsRepo,
    access,
    config,
    blobs,
    jobs,
    realtime,
    tagAssets: async (ownerId, assetIds, marker, source) => void (await events.tagAssets(ownerId, assetIds, marker, source)),
  });
  // Deleting moves photos to the trash; the purge deletes for ever what stayed KITH_TRASH_DAYS (docs/trash.md).
  const trashRepo = createTrashRepository(db);
  const trash = createTrashService({
    repo: trashRepo,
    assetsRepo,
    toDtos: assets.toDtos,
    config,
    blobs,
    now: opts.now,
    domainEvents,
  });
  // Search reads the text index triggers keep (migration 0023) and the offline place names events use.
  const search = createSearchService({
    repo: createSearchRepository(db, database.engine),
    toDtos: assets.toDtos,
    places: loadPlaceIndex,
  });
  // Favourites, the archive and the timeline's month counts (docs/features/library.md).
  const libraryViews = createLibraryViewsService({
    repo: assetsRepo,
    access,
    placeNameAt: async (latitude, longitude) => (await loadPlaceIndex()).nameAt(latitude, longitude, 25),
    trash: trashRepo,
    toDtos: assets.toDtos,
    toPage: assets.toPage,
    domainEvents,
  });
  // Each new photo's faces are found and placed in people (faces.analyse, queued by ingest).
  const faces = createFacesService({
    repo: faceRepos.faces,
    people: faceRepos.people,
    referenceFaces: faceRepos.referenceFaces,
    contactFaces: faceRepos.contactFaces,
    references: faceRepos.references,
    config,
    blobs,
    jobs,
    realtime,
    analyser: faceAnalyser,
    assets: assetsRepo,
    access,
    log,
    domainEvents,
  });
  const people = createPeopleService({
    repo: faceRepos.people,
    faces: faceRepos.faces,
    contacts: contactsRepo,
    access: personAccess,
    contactAccess,
    realtime,
    assetPage: (rows, limit) => assets.toPage(rows, limit),
  });
  const mergeSuggestions = createMergeSuggestionsService({
    repo: createMergeSuggestionsRepository(db),
    access: personAccess,
    people,
    analyser: faceAnalyser,
  });
  // Album sharing: members (contacts only through verified accounts) and public links `/l/{key}`.
  const albumMembersRepo = createAlbumMembersRepository(db);
  const albumMembers = createAlbumMembersService({ repo: albumMembersRepo, realtime, albums, contacts, linkQuestions });
  const albumLinks = createAlbumLinksService({ repo: albumLinksRepo, albums, publicUrl: config.publicUrl });
  const publicAlbums = createPublicAlbumService({
    links: albumLinksRepo,
    albums: albumsRepo,
    accounts: albumMembersRepo,
    config,
    assets,
    realtime,
    tokenKey: deriveServerKey(secret, 'album-links'),
  });
  // The public album inbox (seed CN103369031A claims 4–7): also the seam same-server delivery calls (`inbox.receive`).
  const inboxRepo = createInboxRepository(db);
  const inbox = createInboxService({
    repo: inboxRepo,
    ownReferenceFaces: (accountId, modelVersion) => loadOwnReferenceFaces(db, accountId, modelVersion),
    config,
    assets,
    albums,
    faceAnalyser,
    realtime,
  });

  // Every outbound fetch (source images, Mastodon, webhooks) goes through the SSRF guard.
  const policy = createAddressPolicy(parseCidrList(config.fetchAllow));
  const fetchOpts = { policy, maxBytes: config.fetchMaxBytes, timeoutMs: config.fetchTimeoutMs, resolve: opts.resolve };
  const http: HttpPort = (url, init) => guardedFetch(url, { ...fetchOpts, ...init });
  // RFC 9421 inbox signatures: accounts' keys (private halves sealed at rest) and the receiving side's check.
  const signingKeys = createSigningKeysService({
    repo: createSigningKeysRepository(db),
    publicUrl: config.publicUrl,
    box: createSecretBox(deriveServerKey(secret, 'signing-keys')),
  });
  const senderVerifier = createSenderVerifier({ http, localHost: new URL(config.publicUrl).host, localKey: signingKeys.localPublicKey });
  const connectors = createConnectorsService({
    repo: createConnectorsRepository(db),
    box: createSecretBox(deriveServerKey(secret, 'connector-secrets')),
    http,
    mastodonPollMs: opts.mastodonPollMs,
  });
  // CardDAV address books (RFC 6352/6578): requests through the SSRF guard, cards through the import's writer.
  const carddav = createCarddavService({
    repo: createCarddavRepository(db),
    contacts: contactsRepo,
    config,
    box: createSecretBox(deriveServerKey(secret, 'connector-secrets')),
    client: createCardDavClient(davFetch((url, init) => guardedFetch(url, { ...fetchOpts, ...init }))),
    writer: contacts.cardWriter,
    reader: vcardReader,
    enqueueSync: (bookId) => jobs.enqueue('carddav.sync', { bookId }),
    domainEvents,
  });
  // Tests read deliveries straight from the repository (container.routingRepo); the service does not expose it.
  const routingRepo = createRoutingRepository(db);
  const routing = createRoutingService({
    repo: routingRepo,
    evidence: createRoutingEvidenceRepository(db),
    config,
    blobs,
    jobs,
    realtime,
    assets: assetsRepo,
    // Same-server delivery: straight into the recipient's inbox, with the public inbox's checks.
    inbox: (input) => inbox.receive(input),
    remote: createInboxClient(http),
    signingKey: signingKeys.serverKey,
    maxAttempts: JOB_ATTEMPTS,
    log,
  });
  const regionSharesRepo = createRegionSharesRepository(db);
  const siteKeys = createSiteKeysService({ repo: regionSharesRepo, albums });
  const regionShares = createRegionSharesService({
    repo: regionSharesRepo,
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
  // Now playing's repositories: the service, the fan-out, association and confirmations share them.
  const npRepo = createNowPlayingRepository(db);
  const npGraph = createNpGraphRepository(db, { shortTransactions: config.database.engine === 'sqlite' });
  const nowPlaying = createNowPlayingService({
    repo: npRepo,
    graph: npGraph,
    accounts: accountsRepo,
    config,
    realtime,
    onError: (e) => log?.error({ err: e }, 'now-playing expiry failed'),
  });
  // Verifications, evictions and confirmations move people into and out of audiences: pushed live.
  const fanout = createIdentityFanout({ accounts: accountsRepo, graph: npGraph, repo: npRepo, config, nowPlaying, realtime });
  // Phone numbers are verified by SMS code (KITH_SMS_*, through the SSRF guard), an admin, or confirmed by contacts.
  const phones = createPhoneVerificationService({
    repo: createPhoneIdentityRepository(db),
    accounts: accountsRepo,
    config,
    secret,
    sms: config.sms ? createTwilioGateway(config.sms, (url, init) => guardedFetch(url, { ...fetchOpts, ...init })) : undefined,
    domainEvents,
    around: (ids, change) => fanout.around(ids, change),
  });
  const association = createAssociationService({
    accounts: accountsRepo,
    graph: npGraph,
    config,
    secret,
    nowPlaying,
    phones,
    reader: vcardReader,
  });
  const confirmations = createConfirmationsService({
    repo: createNpConfirmationsRepository(db),
    graph: npGraph,
    accounts: accountsRepo,
    config,
    hashPhone: association.hashPhone,
    fanout,
  });
  const scrobblers = createScrobblerAuth({ repo: createScrobblerTokensRepository(db), config, secret, accounts });
  // Expiry timers belong to the instances that serve now playing, not to workers.
  if (role === 'serve') await nowPlaying.restoreTimers();
  // Synthesis mode's compositor: segmentation and face analysis run in the face worker pool.
  const composer: ExchangeComposer =
    opts.composer ?? createGroupPhotoComposer({ faceAnalyser: faceWorkers, maxPixels: config.maxImagePixels });
  // Exchanges: requests and permissions, rounds, guests, expiry timers (restored from the pending rows).
  const exchangesRepo = createExchangesRepository(db);
  const exchangeCore = createExchangeCore({ repo: exchangesRepo, realtime });
  const exchangeTimers = createExpiryTimers({
    repo: exchangesRepo,
    core: exchangeCore,
    onError: (err) => log?.error({ err }, 'exchange expiry failed'),
  });
  const exchangeRounds = createExchangeRounds({
    config,
    blobs,
    jobs,
    composer,
    log,
    repo: exchangesRepo,
    core: exchangeCore,
    saveImage: createExchangeLibrary({ blobs, assets, albums }),
  });
  const exchanges: ExchangesModule = {
    service: createExchangesService({
      config,
      repo: exchangesRepo,
      core: exchangeCore,
      rounds: exchangeRounds,
      realtime,
      scheduleExpiry: (id, at) => exchangeTimers.schedule(id, at),
    }),
    rounds: exchangeRounds,
    guests: createExchangeGuests({ config, repo: exchangesRepo, core: exchangeCore, rounds: exchangeRounds }),
    core: exchangeCore,
    close: () => exchangeTimers.close(),
  };
  await exchangeTimers.restore();
  // Every reaction (app/subscriptions.ts), before any job runs, and every job name → its handler (app/job-registry.ts).
  subscribeReactions(domainEvents, { jobs, accountsOf: (ids) => accountsRepo.findByIds(ids), contacts, events, faceAnalyser, routing });
  await registerJobHandlers(
    jobs,
    {
      assets,
      assetsRepo,
      trash,
      events,
      eventSharing,
      faces,
      faceWorkers,
      routing,
      regionShares,
      exchangeRounds: exchanges.rounds,
      carddav,
    },
    { carddavIntervalMs: config.carddavIntervalMs, scheduleTrashPurge: role === 'worker' || config.queue.kind === 'in-process', log },
  );

  return {
    config,
    database,
    db,
    /**
     * The repositories the container built for the services above, so tests can seed rows or make a
     * query fail; routes and services never reach them through here.
     */
    repos: { assets: assetsRepo, albums: albumsRepo, inbox: inboxRepo, regionShares: regionSharesRepo, exchanges: exchangesRepo },
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
    search,
    libraryViews,
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
    routingRepo,
    nowPlaying,
    /** Now playing's graph (profiles, audiences): tests read it directly; the service does not expose it. */
    npGraph,
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
