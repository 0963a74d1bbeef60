import type { AccessService } from '../access/access.service.js';
import type { DomainEventPublisher } from '../common/domain-events.js';
import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import { decodeCursor } from '../common/timeline-cursor.js';
import type { AssetDto } from './assets.mapper.js';
import type { AssetRow, AssetsRepository, LibraryView } from './assets.repository.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** `YYYY-MM` of a time in ms, in UTC (callers shift by the viewer's offset first). */
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

export interface TimelineBucket {
  /** YYYY-MM in the viewer's offset. */
  month: string;
  count: number;
}

/**
 * The library's views beyond upload and access (docs/features/library.md): the timeline, Favourites
 * and the Archive as capture-ordered pages, the per-month counts behind the timeline's date scrubber
 * (as Immich's `timeline/buckets`), and the owner's favourite/archive flags (Google Photos' Favourite
 * and Archive: an archived photo leaves the timeline, events and automatic sharing, and stays in albums).
 */
export function createLibraryViewsService(deps: {
  repo: AssetsRepository;
  /** Maps asset rows to the API's asset shape (the assets service's `toDtos` and `toPage`). */
  toDtos: (rows: AssetRow[]) => Promise<AssetDto[]>;
  toPage: (rows: AssetRow[], limit: number) => Promise<{ items: AssetDto[]; nextCursor: string | null }>;
  /** The one asset access check (access/access.service.ts). */
  access: Pick<AccessService, 'requireAsset' | 'requireOwnAssets'>;
  /**
   * The name of the place at WGS 84 degrees (events/place-names.ts: GeoNames, offline, the most populous
   * place within 25 km), or null when none is near.
   */
  placeNameAt: (latitude: number, longitude: number) => Promise<string | null>;
  /** Publishes `assets.archive-changed`, so event windows follow photos that were archived or brought back. */
  domainEvents: DomainEventPublisher;
}) {
  const { repo } = deps;

  return {
    /**
     * One page of a view, newest capture first. `from` (YYYY-MM in `utcOffsetMin` minutes east of
     * UTC) starts at the newest photo captured before that month ended; a `cursor` continues a page
     * and wins over `from`.
     * @throws 400 `invalid_cursor` for a cursor this server did not give out.
     */
    async page(
      principal: Principal,
      q: { view: LibraryView; limit: number; cursor?: string; from?: string; utcOffset: number },
    ): Promise<{ items: AssetDto[]; nextCursor: string | null }> {
      let after: { capturedAt: number; id: string } | undefined;
      if (q.cursor) after = decodeCursor(q.cursor);
      else if (q.from) {
        const [y, m] = q.from.split('-').map(Number);
        // Everything strictly before the first instant of the next month; '' sorts before every id.
        after = { capturedAt: Date.UTC(y, m, 1) - q.utcOffset * MINUTE_MS, id: '' };
      }
      const rows = await repo.timeline(principal.accountId, q.limit + 1, after, q.view);
      return deps.toPage(rows, q.limit);
    },

    /**
     * Photo counts per month of my timeline (not archived, not in the trash), newest month first,
     * months counted in `utcOffsetMin` minutes east of UTC (the viewer's clock).
     */
    async buckets(principal: Principal, utcOffsetMin: number): Promise<{ buckets: TimelineBucket[]; total: number }> {
      const shift = utcOffsetMin * MINUTE_MS;
      const byMonth = new Map<string, number>();
      for (const { day, n } of await repo.dayCounts(principal.accountId, shift)) {
        const month = monthOf(day * DAY_MS);
        byMonth.set(month, (byMonth.get(month) ?? 0) + n);
      }
      const buckets = [...byMonth].map(([month, count]) => ({ month, count })).sort((a, b) => (a.month < b.month ? 1 : -1));
      return { buckets, total: buckets.reduce((s, b) => s + b.count, 0) };
    },

    /**
     * Sets favourite and/or archived on my photos (in the library or the trash).
     * @returns how many distinct photos were asked for (all of them changed).
     * @throws 404 `not_found` when any id is not one of my photos (another's, an album's, or none): nothing changes.
     */
    async setFlags(principal: Principal, ids: string[], flags: { favorite?: boolean; archived?: boolean }): Promise<number> {
      const unique = (await deps.access.requireOwnAssets(principal, ids)).map((a) => a.id);
      await repo.setFlags(principal.accountId, unique, flags);
      if (flags.archived !== undefined) await deps.domainEvents.publish('assets.archive-changed', { ownerId: principal.accountId });
      return unique.length;
    },

    /**
     * The place name of a photo I can see, from its own GPS position (the viewer's info panel; Google
     * Photos and Immich show the same under "Details").
     * @returns `{ place }`, null when the photo has no position or no named place lies within 25 km.
     * @throws 404 `not_found` when I cannot see the photo.
     */
    async placeOf(principal: Principal, id: string): Promise<{ place: string | null }> {
      await deps.access.requireAsset(principal, id, 'read');
      const row = await repo.findById(id);
      if (!row) throw errors.notFound('asset');
      if (row.latitude === null || row.longitude === null) return { place: null };
      return { place: await deps.placeNameAt(row.latitude, row.longitude) };
    },

    /**
     * Sets favourite and/or archived on one of my photos.
     * @returns the photo as it is now.
     * @throws 404 `not_found` when it is not one of my photos.
     */
    async setFlagsOne(principal: Principal, id: string, flags: { favorite?: boolean; archived?: boolean }): Promise<AssetDto> {
      await this.setFlags(principal, [id], flags);
      const row = await repo.findById(id);
      if (!row) throw errors.notFound('asset');
      return (await deps.toDtos([row]))[0];
    },
  };
}

export type LibraryViewsService = ReturnType<typeof createLibraryViewsService>;
