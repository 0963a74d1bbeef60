import { guardedFetch, type GuardedFetchOptions } from '../net/guarded-fetch.js';
import { createNowPlayingService } from '../now-playing/now-playing.service.js';
import { createAssociationService } from '../now-playing/now-playing-association.service.js';
import { createScrobblerAuth } from '../now-playing/compat/scrobbler-auth.js';
import { createScrobblerTokensRepository } from '../now-playing/compat/scrobbler-tokens.repository.js';
import { createConfirmationsService } from '../now-playing/now-playing-confirmations.service.js';
import { createIdentityFanout } from '../now-playing/now-playing-identity-fanout.js';
import { createPhoneVerificationService } from '../phone/phone-verification.service.js';
import { createTwilioGateway } from '../phone/sms-gateway.js';
import { createNowPlayingRepository } from '../now-playing/now-playing.repository.js';
import { createNowPlayingGraphRepository } from '../now-playing/now-playing-graph.repository.js';
import { createNowPlayingConfirmationsRepository } from '../now-playing/now-playing-confirmations.repository.js';
import { createPhoneIdentityRepository } from '../phone/phone-identity.repository.js';
import type { WireCore } from './wire-context.js';
import type { PeopleWiring } from './wire-people.js';

/**
 * Wires now playing (listens shown to an audience, scrobbler compatibility) and phone numbers
 * (verification by SMS, admin or contacts), which decide who is in whose audience. `fetchOpts` is
 * the SSRF guard's settings (wire-sharing.ts) the SMS gateway fetches through. Expiry timers are not
 * restored here: the container restores them in the instances that serve.
 */
export function wireNowPlaying(
  { config, db, realtime, domainEvents, secret, log }: WireCore,
  { accountsRepo, accounts, vcardReader }: PeopleWiring,
  fetchOpts: GuardedFetchOptions,
) {
  // Now playing's repositories: the service, the fan-out, association and confirmations share them.
  const nowPlayingRepo = createNowPlayingRepository(db);
  const nowPlayingGraph = createNowPlayingGraphRepository(db, { shortTransactions: config.database.engine === 'sqlite' });
  const nowPlaying = createNowPlayingService({
    repo: nowPlayingRepo,
    graph: nowPlayingGraph,
    accounts: accountsRepo,
    config,
    realtime,
    onError: (e) => log?.error({ err: e }, 'now-playing expiry failed'),
  });
  // Verifications, evictions and confirmations move people into and out of audiences: pushed live.
  const fanout = createIdentityFanout({
    accounts: accountsRepo,
    graph: nowPlayingGraph,
    repo: nowPlayingRepo,
    config,
    nowPlaying,
    realtime,
  });
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
    graph: nowPlayingGraph,
    config,
    secret,
    nowPlaying,
    phones,
    reader: vcardReader,
  });
  const confirmations = createConfirmationsService({
    repo: createNowPlayingConfirmationsRepository(db),
    graph: nowPlayingGraph,
    accounts: accountsRepo,
    config,
    hashPhone: association.hashPhone,
    fanout,
  });
  const scrobblers = createScrobblerAuth({ repo: createScrobblerTokensRepository(db), config, secret, accounts });
  return { nowPlayingGraph, nowPlaying, phones, association, confirmations, scrobblers };
}
