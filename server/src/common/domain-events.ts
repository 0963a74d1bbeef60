import Emittery from 'emittery';

/**
 * Every cross-module reaction of the server, as a typed event: the module where something happened
 * publishes it, and app/subscriptions.ts (the one place that subscribes) says who reacts. A module
 * never calls back into the one that reacts, so neither imports the other.
 *
 * Payloads are ids and plain values (this file is on the floor of the server: it imports no module),
 * and each is published after its change is committed.
 */
export interface DomainEvents {
  /** An account signed up (accounts.service `signUp`): contacts that hold its e-mail or number are linked to it. */
  'account.created': { accountId: string };
  /** An account changed its e-mail address (PATCH /api/me); the new address is unverified. */
  'email.changed': { accountId: string };
  /** An account proved its e-mail address (email-verification.service, the link in the mail). */
  'email.verified': { accountId: string };
  /**
   * Phone numbers changed: a claim set or cleared, a number verified, and the other accounts whose claim
   * of that number the verification evicted (phone-verification.service).
   */
  'phone.changed': { accountIds: string[] };
  /** Contacts got a photo from a vCard import or a CardDAV sync: each may become a reference face. */
  'contacts.photos-imported': { contactIds: string[] };
  /**
   * A photo's faces are stored and placed in people (the `faces.analyse` job). `firstAnalysis`: the photo
   * had never been analysed before (an upload, not a re-index). Published inside the job, before the photo
   * is marked analysed, so a crash in between runs the reactions again on the retry.
   */
  'faces.placed': { ownerId: string; assetId: string; firstAnalysis: boolean };
  /** Photos of one owner were deleted for ever (from the trash, emptying it, or its hourly purge). */
  'assets.deleted': { ownerId: string; assetIds: string[] };
  /** Photos of one owner went to the trash or came back from it (trash.service); trashed photos count nowhere. */
  'assets.trash-changed': { ownerId: string };
  /** Photos of one owner were archived or unarchived (library-views.service); archived photos leave events. */
  'assets.archive-changed': { ownerId: string };
}

export type DomainEventName = keyof DomainEvents;

/** Where a failing subscriber is reported (the server's pino logger fits). */
export interface DomainEventLog {
  error(obj: object, msg: string): void;
}

/** What a module gets to publish with; only app/subscriptions.ts subscribes. */
export interface DomainEventPublisher {
  /**
   * Runs every subscriber of `name`, one after the other in the order they subscribed, and resolves
   * when all are done, so a publisher that awaits it sees the reactions' writes. Never rejects: a
   * failing subscriber is logged (with the event's name and payload) and the next one still runs.
   */
  publish<N extends DomainEventName>(name: N, payload: DomainEvents[N]): Promise<void>;
}

export interface DomainEventBus extends DomainEventPublisher {
  /** Adds a subscriber of `name`; @returns a function that removes it. */
  subscribe<N extends DomainEventName>(name: N, subscriber: (payload: DomainEvents[N]) => Promise<void> | void): () => void;
}

/** The in-process bus of one container (emittery underneath: typed, awaitable, serial). */
export function createDomainEventBus(log?: DomainEventLog): DomainEventBus {
  const emitter = new Emittery<DomainEvents>();
  return {
    subscribe(name, subscriber) {
      return emitter.on(name, async (payload) => {
        try {
          await subscriber(payload);
        } catch (err) {
          // A reaction is another module's business: its failure must not fail what already happened.
          log?.error({ err, event: name, payload }, `a subscriber of ${name} failed`);
        }
      });
    },
    publish: (name, payload) => emitter.emitSerial(name, payload),
  };
}
