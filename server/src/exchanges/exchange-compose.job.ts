import type { JobHandler } from '../jobs/job-queue.js';
import type { ExchangeRounds } from './exchange-rounds.service.js';

/**
 * `exchange.compose`: the group photo of a synthesis-mode round whose two images are in, queued by the
 * second capture (exchange-rounds.service.ts `compose`). Never retried: the same two images would fail again.
 */
export const exchangeComposeJob =
  (rounds: Pick<ExchangeRounds, 'compose'>): JobHandler<'exchange.compose'> =>
  ({ exchangeId, n }) =>
    rounds.compose(exchangeId, n);
