import type { JobQueue } from '../jobs/job-queue.js';
import type { CarddavService } from './carddav.service.js';

/**
 * Scheduled CardDAV sync: the repeatable `carddav.due` job runs every quarter of the interval (at
 * least every minute, at most every 15 minutes) and queues `carddav.sync` for each book not synced
 * within `KITH_CARDDAV_INTERVAL_MINUTES`; so a book is synced about once per interval whichever
 * instance runs the job. Interval 0: no schedule ("Sync now" only).
 */
export async function registerCarddavJobs(jobs: JobQueue, carddav: CarddavService, intervalMs: number): Promise<void> {
  jobs.handle('carddav.sync', ({ bookId }) => carddav.syncById(bookId));
  jobs.handle('carddav.due', () => carddav.queueDue(intervalMs));
  const tick = Math.min(15 * 60_000, Math.max(60_000, Math.floor(intervalMs / 4)));
  await jobs.repeat('carddav.due', {}, intervalMs > 0 ? tick : 0);
}
