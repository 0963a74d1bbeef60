import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue } from '../jobs/job-queue.js';
import type { TrashService } from './trash.service.js';

/** How often the trash is purged, ms: a photo goes within an hour after its KITH_TRASH_DAYS are up. */
export const TRASH_PURGE_EVERY_MS = 60 * 60_000;

/**
 * The `trash.purge` job: deletes for ever what has been in the trash longer than KITH_TRASH_DAYS.
 * Scheduled where jobs run (the in-process queue, or `kith worker` with BullMQ, whose job scheduler
 * runs it once per hour across all workers); idempotent, so a repeat or a retry does no harm.
 */
export async function registerTrashPurgeJob(
  jobs: JobQueue,
  trash: TrashService,
  opts: { schedule: boolean; log?: FastifyBaseLogger },
): Promise<void> {
  jobs.handle('trash.purge', async () => {
    const purged = await trash.purgeExpired();
    if (purged) opts.log?.info({ purged }, 'deleted for ever the photos whose time in the trash was up');
  });
  if (opts.schedule) await jobs.repeat('trash.purge', {}, TRASH_PURGE_EVERY_MS);
}
