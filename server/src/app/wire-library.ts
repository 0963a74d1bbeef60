import { createAccessService } from '../access/access.service.js';
import { createAccessRepository } from '../access/access.repository.js';
import { createAlbumsService } from '../albums/albums.service.js';
import { createAlbumsRepository } from '../albums/albums.repository.js';
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
import type { ContactsRepository } from '../contacts/contacts.repository.js';
import { principalFor } from '../common/principal.js';
import type { WireCore } from './wire-context.js';

/**
 * Wires a user's library: the access checks, albums, events (and their sharing), assets, the trash,
 * search and the library views (favourites, archive, timeline). Albums and events take asset DTOs
 * from the assets service, built after them: the calls only happen once requests run.
 */
export function wireLibrary(
  { config, database, db, blobs, jobs, realtime, domainEvents, opts }: WireCore,
  contactsRepo: ContactsRepository,
) {
  // One access check per resource kind (asset, album, event), called first by the services that take an id.
  const access = createAccessService(createAccessRepository(db));
  const albumsRepo = createAlbumsRepository(db);
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
    tagAssets: async (ownerId, assetIds, marker, source) => void (await events.tagAssets(principalFor(ownerId), assetIds, marker, source)),
  });
  // Deleting moves photos to the trash; the purge deletes for ever what stayed KITH_TRASH_DAYS (docs/trash.md).
  const trashRepo = createTrashRepository(db);
  const trash = createTrashService({
    repo: trashRepo,
    assetsRepo,
    access,
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
    toDtos: assets.toDtos,
    toPage: assets.toPage,
    domainEvents,
  });
  return { access, albumsRepo, albums, events, eventSharing, assetsRepo, assets, trash, search, libraryViews };
}

/** What wireLibrary built, handed to the wire functions that come after it. */
export type LibraryWiring = ReturnType<typeof wireLibrary>;
