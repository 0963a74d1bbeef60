import { createFacesService } from '../faces/faces.service.js';
import { createPeopleService } from '../faces/people.service.js';
import { createContactPhotoService } from '../faces/contact-photo.service.js';
import { createMergeSuggestionsService } from '../faces/merge-suggestions.service.js';
import { createMergeSuggestionsRepository } from '../faces/merge-suggestions.repository.js';
import type { WireCore } from './wire-context.js';
import type { PeopleWiring } from './wire-people.js';
import type { LibraryWiring } from './wire-library.js';

/**
 * Wires face analysis and the people it finds: faces (analysis of each new photo), people (naming,
 * merging, linking to contacts), merge suggestions and contacts' uploaded photos (their reference
 * faces). Takes the face repositories, access checks and contacts from wirePeople and the assets from
 * wireLibrary.
 */
export function wireFaces(
  { config, db, blobs, jobs, realtime, faceAnalyser, log, domainEvents }: WireCore,
  { faceRepos, personAccess, faceAccess, contactsRepo, contactAccess, contacts }: PeopleWiring,
  { assetsRepo, assets, access }: LibraryWiring,
) {
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
    faceAccess,
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
  // A contact's uploaded photo: checked, analysed as its reference face, then stored.
  const contactPhotos = createContactPhotoService({
    config,
    blobs,
    contacts,
    contactFaces: faces.contactFaces,
    analyser: faceAnalyser,
  });
  return { faces, people, mergeSuggestions, contactPhotos };
}
