import { LRUCache } from 'lru-cache';
import type { NowPlayingProfileRow } from './now-playing-graph.repository.js';

interface Entry {
  version: number;
  phoneHash: string;
  requireMutual: number;
  recipients: readonly string[];
}

/**
 * Who a sharer's plays reach, kept in memory per sharer for the submission's hot path: computing it
 * (an indexed join over the address books with the hidden-from and mutual-link rules) cost ~1 ms
 * for 1,000 friends on SQLite, on every `POST /api/now-playing`.
 *
 * An entry is trusted only while the association graph's version (`np_graph_version`, read in the
 * submission's own statement and incremented by every graph write on any instance) and the sharer's
 * own number and mutual-link setting are what they were when it was computed; so a change anywhere
 * applies to the next submission everywhere, with no TTL and no pub/sub. Sharing off and private
 * sessions are checked by the caller on the fresh profile before asking, never cached.
 *
 * Bounded by the total number of recipients kept (`maxIds`, least recently used sharers go first).
 */
export function createAudienceCache(load: (profile: NowPlayingProfileRow) => Promise<string[]>, opts: { maxIds?: number } = {}) {
  const cache = new LRUCache<string, Entry>({
    maxSize: opts.maxIds ?? 200_000,
    sizeCalculation: (e) => e.recipients.length,
  });
  return {
    /**
     * The sharer followed by everyone their plays reach, as a frozen array (the realtime hub keeps
     * the room names of a frozen array, so a repeated broadcast does not rebuild them).
     * @param profile a profile with a registered number, sharing on and no private session.
     */
    async recipients(profile: NowPlayingProfileRow & { phone_hash: string }, graphVersion: number): Promise<readonly string[]> {
      const hit = cache.get(profile.account_id);
      if (hit && hit.version === graphVersion && hit.phoneHash === profile.phone_hash && hit.requireMutual === profile.require_mutual)
        return hit.recipients;
      const recipients = Object.freeze([profile.account_id, ...(await load(profile))]);
      cache.set(profile.account_id, {
        version: graphVersion,
        phoneHash: profile.phone_hash,
        requireMutual: profile.require_mutual,
        recipients,
      });
      return recipients;
    },
    /** Sharers currently kept (tests). */
    size: () => cache.size,
  };
}
