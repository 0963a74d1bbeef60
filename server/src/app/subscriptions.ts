import type { AccountRow } from '../accounts/accounts.repository.js';
import type { DomainEventBus } from '../common/domain-events.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import type { EventsService } from '../events/events.service.js';
import type { FaceAnalyser } from '../faces/face-analyser.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RoutingService } from '../routing/routing.service.js';

/** The modules that react to domain events. */
export interface Reactors {
  jobs: JobQueue;
  /** The accounts of these ids (those that still exist). */
  accountsOf: (ids: string[]) => Promise<AccountRow[]>;
  contacts: Pick<ContactsService, 'relinkAccount'>;
  events: Pick<EventsService, 'onAssetsDeleted'>;
  faceAnalyser: Pick<FaceAnalyser, 'enabled'>;
  routing: Pick<RoutingService, 'onFacesPlaced'>;
}

/**
 * Every reaction of one module to another's domain event (common/domain-events.ts), in one place:
 * read this file to know what happens after a sign-up, a face placement or a deletion. Subscribers
 * run in the order listed; one that fails is logged by the bus and never fails the publisher.
 */
export function subscribeReactions(bus: DomainEventBus, r: Reactors): void {
  // Links rest on e-mail and phone alone: whenever they change, contacts that hold them are linked again.
  const relink = async (accountIds: string[]) => {
    for (const account of await r.accountsOf(accountIds)) await r.contacts.relinkAccount(account);
  };
  bus.subscribe('account.created', ({ accountId }) => relink([accountId]));
  bus.subscribe('email.changed', ({ accountId }) => relink([accountId]));
  bus.subscribe('email.verified', ({ accountId }) => relink([accountId]));
  bus.subscribe('phone.changed', ({ accountIds }) => relink(accountIds));

  // A contact's photo becomes a reference face (faces.contact job); nothing to do with analysis off.
  bus.subscribe('contacts.photos-imported', async ({ contactIds }) => {
    if (r.faceAnalyser.enabled) for (const contactId of contactIds) await r.jobs.enqueue('faces.contact', { contactId });
  });

  // Server-side routing: the contacts recognised in a photo become deliveries or suggestions. A routing
  // failure is logged, never a reason to analyse the photo again.
  bus.subscribe('faces.placed', ({ ownerId, assetId, firstAnalysis }) => r.routing.onFacesPlaced(ownerId, assetId, { firstAnalysis }));

  // Events whose photos left the library shrink their time windows (or go).
  bus.subscribe('assets.deleted', ({ ownerId }) => r.events.onAssetsDeleted(ownerId));
  // Trashed and archived photos count in no event either, so those windows are worked out again too.
  bus.subscribe('assets.trash-changed', ({ ownerId }) => r.events.onAssetsDeleted(ownerId));
  bus.subscribe('assets.archive-changed', ({ ownerId }) => r.events.onAssetsDeleted(ownerId));
}
