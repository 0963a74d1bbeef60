import type { Config } from '../config/config.js';
import type { NowPlayingRepository } from './now-playing.repository.js';
import type { NowPlayingGraphRepository } from './now-playing-graph.repository.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { toPerson, toPlayDto } from './now-playing.mapper.js';
import type { NowPlayingService } from './now-playing.service.js';

/**
 * Live consequences of an identity change (a number verified, evicted or confirmed): such a change
 * moves people into and out of audiences on both sides, as sharer and as viewer, so whoever gains
 * sight of a current play gets `now-playing.updated` at once and whoever loses it gets
 * `now-playing.stopped` (reason `hidden`), as a settings change does (seed CN102664943A claim 5:
 * plays are pushed, never polled). Rare events: the cost (two graph reads per account, before and
 * after) is paid only then.
 */
export function createIdentityFanout({
  accounts,
  graph,
  repo,
  config,
  nowPlaying,
  realtime,
}: {
  accounts: AccountsRepository;
  graph: NowPlayingGraphRepository;
  repo: NowPlayingRepository;
  config: Config;
  nowPlaying: NowPlayingService;
  realtime: RealtimeHub;
}) {
  /** As sharer: who sees `id` (privacy aside); as viewer: whose plays `id` sees. */
  const snapshot = async (id: string) => ({
    audience: new Set(await graph.audienceOf({ ...(await graph.profileOrDefault(id)), sharing: 1, private_until: null })),
    sees: new Set(await nowPlaying.friendIds(id)),
  });
  const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x));

  return {
    /** Runs `change` and pushes what it changed for `accountIds` (both directions). */
    async around<T>(accountIds: string[], change: () => Promise<T>): Promise<T> {
      const ids = [...new Set(accountIds)];
      const before = new Map(await Promise.all(ids.map(async (id) => [id, await snapshot(id)] as const)));
      const result = await change();
      // Pairs (sharer → viewer) that gained or lost sight, deduplicated across both directions.
      const gained = new Set<string>();
      const lost = new Set<string>();
      for (const id of ids) {
        const [b, a] = [before.get(id)!, await snapshot(id)];
        for (const v of minus(a.audience, b.audience)) gained.add(`${id} ${v}`);
        for (const v of minus(b.audience, a.audience)) lost.add(`${id} ${v}`);
        for (const s of minus(a.sees, b.sees)) gained.add(`${s} ${id}`);
        for (const s of minus(b.sees, a.sees)) lost.add(`${s} ${id}`);
      }
      const sharers = [...new Set([...gained, ...lost].map((p) => p.split(' ')[0]))];
      if (!sharers.length) return result;
      const plays = new Map((await repo.currentOf(sharers)).filter((p) => !p.private).map((p) => [p.account_id, p]));
      const people = new Map((await accounts.findByIds(sharers)).map((a) => [a.id, toPerson(a)]));
      for (const pair of gained) {
        const [s, v] = pair.split(' ');
        const play = plays.get(s);
        if (play && people.has(s))
          realtime.emitToAccount(v, 'now-playing.updated', { user: people.get(s)!, playing: toPlayDto(config, play) });
      }
      for (const pair of lost) {
        const [s, v] = pair.split(' ');
        if (plays.has(s) && people.has(s)) realtime.emitToAccount(v, 'now-playing.stopped', { user: people.get(s)!, reason: 'hidden' });
      }
      return result;
    },
  };
}

export type IdentityFanout = ReturnType<typeof createIdentityFanout>;
