import type { JobHandler } from '../jobs/job-queue.js';
import type { CarddavService } from './carddav.service.js';

/** `carddav.sync`: syncs one connected address book (queued by "Sync now", a connection and `carddav.due`). */
export const carddavSyncJob =
  (carddav: Pick<CarddavService, 'syncById'>): JobHandler<'carddav.sync'> =>
  ({ bookId }) =>
    carddav.syncById(bookId);

/** `carddav.due`: queues `carddav.sync` for each book not synced within `intervalMs` (KITH_CARDDAV_INTERVAL_MINUTES). */
export const carddavDueJob =
  (carddav: Pick<CarddavService, 'queueDue'>, intervalMs: number): JobHandler<'carddav.due'> =>
  () =>
    carddav.queueDue(intervalMs);

/**
 * How often `carddav.due` runs, ms: every quarter of the sync interval, at least every minute and at most
 * every 15 minutes, so a book is synced about once per interval whichever instance runs the job.
 * Interval 0: 0, no schedule ("Sync now" only).
 */
export const carddavDueEveryMs = (intervalMs: number): number =>
  intervalMs > 0 ? Math.min(15 * 60_000, Math.max(60_000, Math.floor(intervalMs / 4))) : 0;
