import type { ExchangesModule } from '../exchanges/exchanges.module.js';
import { createExchangeCore } from '../exchanges/exchange-core.js';
import { createExchangeAccess } from '../exchanges/exchange.access.js';
import { createExpiryTimers } from '../exchanges/exchange-expiry.js';
import { createExchangeGuests } from '../exchanges/exchange-guests.service.js';
import { createExchangeLibrary } from '../exchanges/exchange-library.js';
import { createExchangeRounds } from '../exchanges/exchange-rounds.service.js';
import { createExchangesRepository } from '../exchanges/exchanges.repository.js';
import { createExchangesService } from '../exchanges/exchanges.service.js';
import type { ExchangeComposer } from '../exchanges/composer-port.js';
import { createGroupPhotoComposer } from '../exchanges/synthesis/group-photo-composer.js';
import type { WireCore } from './wire-context.js';
import type { LibraryWiring } from './wire-library.js';

/**
 * Wires photo exchanges: requests and permissions, rounds (with the compositor of synthesis mode),
 * guests and expiry timers, which it restores from the pending rows before returning.
 * `opts.composer` replaces the default compositor in tests.
 */
export async function wireExchanges(
  { config, db, blobs, jobs, realtime, faceWorkers, log, opts }: WireCore,
  { assets, albums }: LibraryWiring,
) {
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
      // The one exchange check: only the two sides reach an exchange by id (404 for anyone else).
      access: createExchangeAccess(exchangeCore),
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
  return { exchangesRepo, exchanges };
}
