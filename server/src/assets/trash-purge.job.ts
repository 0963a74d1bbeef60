import type { JobHandler } from '../jobs/job-queue.js';
import type { TrashService } from './trash.service.js';

/** How often the trash is purged, ms: a photo goes within an hour after its KITH_TRASH_DAYS are up. */
export const TRASH_PURGE_EVERY_MS = 60 * 60_000;

/**
 * `trash.purge`: deletes for ever what has been in the trash longer than KITH_TRASH_DAYS (every owner).
 * Scheduled every {@link TRASH_PURGE_EVERY_MS} where jobs run (the in-process queue, or `kith worker` with
 * BullMQ, whose job scheduler runs it once per hour across all workers; app/job-registry.ts); idempotent,
 * so a repeat or a retry does no harm.
 */
export const trashPurgeJob =
  (trash: Pick<TrashService, 'purgeExpired'>, log?: { info(obj: object, msg: string): void }): JobHandler<'trash.purge'> =>
  async () => {
    const purged = await trash.purgeExpired();
    if (purged) log?.info({ purged }, 'deleted for ever the photos whose time in the trash was up');
  };
