import { createAlbumLinksService } from '../albums/album-links.service.js';
import { createAlbumMembersService } from '../albums/album-members.service.js';
import { createPublicAlbumService } from '../albums/public-album.service.js';
import { createAlbumLinksRepository } from '../albums/album-links.repository.js';
import { createAlbumMembersRepository } from '../albums/album-members.repository.js';
import { createAddressPolicy, parseCidrList } from '../net/address-policy.js';
import { guardedFetch } from '../net/guarded-fetch.js';
import { createSecretBox } from '../connectors/secret-box.js';
import { createConnectorsService } from '../connectors/connectors.service.js';
import type { HttpPort } from '../connectors/connector.js';
import { createPageImagesService } from '../region-shares/page-images.service.js';
import { createRegionSharesService } from '../region-shares/region-shares.service.js';
import { createSiteKeysService } from '../region-shares/site-keys.service.js';
import { createRegionSharesRepository } from '../region-shares/region-shares.repository.js';
import { createRegionShareAccess } from '../region-shares/region-share.access.js';
import { createSiteKeyAccess } from '../region-shares/site-key.access.js';
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
import { deriveServerKey } from '../config/server-secret.js';
import { createCardDavClient } from '../carddav/carddav.client.js';
import { createCarddavService } from '../carddav/carddav.service.js';
import { davFetch } from '../carddav/dav-fetch.js';
import { createCarddavRepository } from '../carddav/carddav.repository.js';
import { createConnectorsRepository } from '../connectors/connectors.repository.js';
import { createSigningKeysRepository } from '../signing/signing-keys.repository.js';
import { createSigningKeyAccess } from '../signing/signing-key.access.js';
import type { WireCore } from './wire-context.js';
import type { PeopleWiring } from './wire-people.js';
import type { LibraryWiring } from './wire-library.js';

/**
 * Wires what crosses from one user (or server) to another: album members and public links, the public
 * album inbox, every outbound fetch's SSRF guard, signing keys, connectors, CardDAV address books,
 * routing (delivery to inboxes, `maxAttempts` tries per delivery) and region shares.
 */
export function wireSharing(
  { config, db, blobs, jobs, realtime, domainEvents, secret, faceAnalyser, log, opts }: WireCore,
  { contacts, contactsRepo, linkQuestions, vcardReader }: PeopleWiring,
  { access, albums, albumsRepo, assets, assetsRepo }: LibraryWiring,
  maxAttempts: number,
) {
  // Album sharing: members (contacts only through verified accounts) and public links `/l/{key}`.
  const albumLinksRepo = createAlbumLinksRepository(db);
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
  const signingKeysRepo = createSigningKeysRepository(db);
  const signingKeys = createSigningKeysService({
    repo: signingKeysRepo,
    access: createSigningKeyAccess(signingKeysRepo),
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
    access,
    // Same-server delivery: straight into the recipient's inbox, with the public inbox's checks.
    inbox: (input) => inbox.receive(input),
    remote: createInboxClient(http),
    signingKey: signingKeys.serverKey,
    maxAttempts,
    log,
  });
  const regionSharesRepo = createRegionSharesRepository(db);
  // Site keys and region shares by id are their owner's: one access check per kind (404 for anyone else).
  const siteKeys = createSiteKeysService({ repo: regionSharesRepo, albums, access: createSiteKeyAccess(regionSharesRepo) });
  const regionShares = createRegionSharesService({
    repo: regionSharesRepo,
    access: createRegionShareAccess(regionSharesRepo),
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
  return {
    albumMembers,
    albumLinks,
    publicAlbums,
    inboxRepo,
    inbox,
    fetchOpts,
    signingKeys,
    senderVerifier,
    connectors,
    carddav,
    routingRepo,
    routing,
    regionSharesRepo,
    siteKeys,
    regionShares,
    pageImages,
  };
}
