import crypto from 'node:crypto';
import type { Config } from '../config/config.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import { errors } from '../common/errors.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import { NowPlayingGraphRepository, defaultProfile, type NowPlayingProfileRow } from './now-playing-graph.repository.js';
import { createExpiryTimers } from './now-playing-expiry.js';
import { createAudienceCache } from './now-playing-audience-cache.js';
import type { NowPlayingRepository, NowPlayingVia, NowPlayingCurrentRow } from './now-playing.repository.js';
import { toListenDto, toPerson, toPlayDto, type ListenDto, type PlayDto } from './now-playing.mapper.js';

/** What a player reports (native API and every compatibility surface map to this). Times in ms. */
export interface PlayInput {
  title: string;
  artist: string;
  album?: string | null;
  media_type?: 'audio' | 'video';
  duration_ms?: number | null;
  position_ms?: number;
  source_url?: string | null;
  cover_url?: string | null;
  player?: string | null;
}

/** A finished play reported by a client (ListenBrainz single/import, Last.fm scrobble, Audioscrobbler submit). */
export interface ListenInput extends PlayInput {
  /** When the play started, ms since epoch. */
  listened_at: number;
}

export interface NowPlayingDeps {
  repo: NowPlayingRepository;
  graph: NowPlayingGraphRepository;
  accounts: AccountsRepository;
  config: Config;
  realtime: RealtimeHub;
  onError?: (e: unknown) => void;
}

// Last.fm's scrobbling rule, also ListenBrainz's: a play counts once half of it (at most 4 minutes)
// was heard, and tracks under 30 s never count.
const MIN_TRACK_MS = 30_000;
const FOUR_MINUTES = 240_000;
const qualifies = (playedMs: number, durationMs: number | null) =>
  durationMs == null ? playedMs >= FOUR_MINUTES : durationMs >= MIN_TRACK_MS && playedMs >= Math.min(durationMs / 2, FOUR_MINUTES);

const privateNow = (p: NowPlayingProfileRow, now: number) => !p.sharing || (p.private_until != null && p.private_until > now);

/**
 * Now playing (seed CN102664943A claims 1, 5, 6, 10; S1004–S1008): the current play of each account,
 * pushed at once to every linked account over socket.io, expired by per-account timers, and the
 * listens history of finished plays.
 */
export function createNowPlayingService({ repo, graph, accounts, config, realtime, onError = () => {} }: NowPlayingDeps) {
  const timers = createExpiryTimers((id, version) => expire(id, version), onError);
  const audienceCache = createAudienceCache((profile) => graph.audienceOf(profile));

  async function person(accountId: string) {
    const a = await accounts.findById(accountId);
    if (!a) throw errors.unauthorized();
    return toPerson(a);
  }

  /** Who sees `profile`'s plays; `ignorePrivacy` gives who would, to tell them when that changes. */
  const audience = (profile: NowPlayingProfileRow, ignorePrivacy = false) =>
    graph.audienceOf(ignorePrivacy ? { ...profile, sharing: 1, private_until: null } : profile);

  /** Ends `prev` at `endedAt`: a native play heard long enough becomes a listen. */
  async function finish(prev: NowPlayingCurrentRow, endedAt: number): Promise<void> {
    if (!prev.auto_scrobble) return;
    const played = Math.min(endedAt, prev.expires_at) - prev.started_at;
    if (!qualifies(played, prev.duration_ms)) return;
    await addListens(prev.account_id, [{ ...prev, listened_at: prev.started_at }], prev.via, prev.private === 1);
  }

  async function addListens(accountId: string, items: ListenInput[], via: NowPlayingVia, forcePrivate = false): Promise<number> {
    const profile = await graph.profileOrDefault(accountId);
    const isPrivate = forcePrivate || privateNow(profile, Date.now());
    const added: ListenDto[] = [];
    const user = await person(accountId);
    for (const item of items) {
      const row = {
        id: crypto.randomUUID(),
        account_id: accountId,
        title: item.title,
        artist: item.artist,
        album: item.album ?? null,
        media_type: item.media_type ?? 'audio',
        duration_ms: item.duration_ms ?? null,
        listened_at: item.listened_at,
        source_url: item.source_url ?? null,
        cover_url: item.cover_url ?? null,
        player: item.player ?? null,
        via,
        private: isPrivate ? 1 : 0,
      };
      if (await repo.insertListen(row)) added.push(toListenDto(config, row, user));
    }
    // An import of a thousand listens is one notification, not a thousand, and it carries every listen it added
    // (newest first) so that a friend's recent listens are complete; `listen` is the newest, for older clients.
    const listens = added.sort((a, b) => b.listened_at.localeCompare(a.listened_at));
    if (listens.length) {
      const to = isPrivate ? [accountId] : [accountId, ...(await audience(profile))];
      realtime.emitToAccount(to, 'now-playing.listened', { user, listen: listens[0], listens });
    }
    return added.length;
  }

  async function expire(accountId: string, version: string): Promise<void> {
    const row = await repo.findCurrent(accountId);
    if (!row || row.version !== version) return;
    if (!(await repo.deleteCurrentIf(accountId, version))) return; // another instance expired it first
    await finish(row, row.expires_at);
    await announceStop(row, 'expired');
  }

  async function announceStop(row: NowPlayingCurrentRow, reason: 'stopped' | 'expired'): Promise<void> {
    const profile = await graph.profileOrDefault(row.account_id);
    const to = row.private ? [row.account_id] : [row.account_id, ...(await audience(profile, true))];
    realtime.emitToAccount(to, 'now-playing.stopped', { user: await person(row.account_id), reason });
  }

  return {
    timers,
    audienceCache,

    /**
     * Records what `accountId` plays now and pushes `now-playing.updated` to the account and everyone
     * it reaches. A different track ends the previous one (a native play heard long enough becomes a
     * listen). It expires after its remaining duration, or `config.nowPlayingDefaultMs` when unknown.
     * @param opts.autoScrobble true for the native API; compatibility clients scrobble by themselves.
     */
    async submit(accountId: string, input: PlayInput, via: NowPlayingVia, opts: { autoScrobble: boolean }): Promise<PlayDto> {
      const now = Date.now();
      const ctx = await repo.submitContext(accountId);
      if (!ctx) throw errors.unauthorized();
      // submitContext's join already read the profile row: none means the defaults, without asking again.
      const profile = ctx.profile ?? defaultProfile(accountId, now);
      const prev = ctx.current;
      const album = input.album?.trim() || null;
      const same = prev && prev.expires_at > now && prev.title === input.title && prev.artist === input.artist && prev.album === album;
      if (prev && !same) await finish(prev, now);
      const position = input.position_ms ?? 0;
      const duration = input.duration_ms ?? null;
      const remaining = duration != null ? Math.max(1000, duration - position) : config.nowPlayingDefaultMs;
      const isPrivate = privateNow(profile, now);
      const row: NowPlayingCurrentRow = {
        account_id: accountId,
        title: input.title,
        artist: input.artist,
        album,
        media_type: input.media_type ?? 'audio',
        duration_ms: duration,
        position_ms: position,
        position_at: now,
        source_url: input.source_url ?? null,
        cover_url: input.cover_url ?? null,
        player: input.player ?? null,
        via,
        auto_scrobble: opts.autoScrobble ? 1 : 0,
        private: isPrivate ? 1 : 0,
        started_at: same ? prev.started_at : now - position,
        expires_at: now + remaining,
        version: crypto.randomUUID(),
      };
      await repo.putCurrent(row);
      timers.arm(accountId, row.version, row.expires_at);
      const dto = toPlayDto(config, row);
      const user = toPerson(ctx.account);
      // The sharer first, then everyone the play reaches (cached per sharer, keyed by the graph version).
      const recipients =
        isPrivate || !profile.phone_hash
          ? [accountId]
          : await audienceCache.recipients({ ...profile, phone_hash: profile.phone_hash }, ctx.graphVersion);
      realtime.emitToAccount(recipients, 'now-playing.updated', { user, playing: dto });
      // Switching to private mid-play: those who saw the previous item see it stop.
      if (isPrivate && prev && !prev.private && prev.expires_at > now)
        realtime.emitToAccount(await audience(profile, true), 'now-playing.stopped', { user, reason: 'private' });
      return dto;
    },

    /** Stops the caller's play (`DELETE /api/now-playing`); false when nothing was playing. */
    async stop(accountId: string): Promise<boolean> {
      const row = await repo.findCurrent(accountId);
      if (!row || !(await repo.deleteCurrentIf(accountId, row.version))) return false;
      timers.disarm(accountId);
      await finish(row, Date.now());
      await announceStop(row, 'stopped');
      return true;
    },

    /** Adds finished plays to the caller's listens (scrobbles); @returns how many were new. */
    scrobble: (accountId: string, items: ListenInput[], via: NowPlayingVia) => addListens(accountId, items, via),

    /** The caller's own current play (private or not), or null. */
    async mine(accountId: string): Promise<PlayDto | null> {
      const row = (await repo.currentOf([accountId]))[0];
      return row ? toPlayDto(config, row) : null;
    },

    /** Account ids whose plays `viewerId` sees (see now-playing-graph.repository for the rules). */
    async friendIds(viewerId: string): Promise<string[]> {
      const me = await graph.profileOrDefault(viewerId);
      return graph.friendsOf(viewerId, me);
    },

    /**
     * The Friends panel (seed [0050], S1008): each linked person with their current play (unless
     * private) and their 5 newest listens; playing people first, then by name.
     */
    async friends(viewerId: string) {
      const ids = await this.friendIds(viewerId);
      const [people, plays] = await Promise.all([accounts.findByIds(ids), repo.currentOf(ids)]);
      const playing = new Map(plays.filter((p) => !p.private).map((p) => [p.account_id, p]));
      const out = await Promise.all(
        people.map(async (a) => {
          const user = toPerson(a);
          const recent = await repo.listens([a.id], { limit: 5, includePrivate: false });
          const play = playing.get(a.id);
          return { user, playing: play ? toPlayDto(config, play) : null, recent: recent.map((l) => toListenDto(config, l, user)) };
        }),
      );
      return out.sort((x, y) => Number(!!y.playing) - Number(!!x.playing) || x.user.displayName.localeCompare(y.user.displayName));
    },

    /**
     * Listens of the caller, or of a friend whose plays reach the caller.
     * @throws 404 `not_found` for an account that is not a friend (existence never leaks).
     */
    async listens(viewerId: string, q: { user?: string; limit: number; before?: number }): Promise<ListenDto[]> {
      const target = q.user ?? viewerId;
      if (target !== viewerId && !(await this.friendIds(viewerId)).includes(target)) throw errors.notFound('friend');
      const user = await person(target);
      const rows = await repo.listens([target], { limit: q.limit, before: q.before, includePrivate: target === viewerId });
      return rows.map((r) => toListenDto(config, r, user));
    },

    /**
     * Applies a privacy change and tells whoever gains or loses sight of the current play at once:
     * `now-playing.stopped` (reason `hidden` or `private`) to those who lose it, `now-playing.updated` to those who gain it.
     */
    async changeVisibility(accountId: string, change: () => Promise<void>, reason: 'hidden' | 'private'): Promise<void> {
      const before = new Set(await audience(await graph.profileOrDefault(accountId)));
      await change();
      const profile = await graph.profileOrDefault(accountId);
      const after = new Set(await audience(profile));
      const current = (await repo.currentOf([accountId]))[0];
      if (!current || current.private) return;
      const user = await person(accountId);
      const lost = [...before].filter((id) => !after.has(id));
      const gained = [...after].filter((id) => !before.has(id));
      if (lost.length) realtime.emitToAccount(lost, 'now-playing.stopped', { user, reason });
      if (gained.length) realtime.emitToAccount(gained, 'now-playing.updated', { user, playing: toPlayDto(config, current) });
    },

    /** Re-arms expiry timers after a restart; plays that expired while down are dropped. */
    async restoreTimers(): Promise<void> {
      const now = Date.now();
      await repo.deleteExpired(now);
      for (const row of await repo.allCurrent()) timers.arm(row.account_id, row.version, row.expires_at);
    },

    close: () => timers.close(),
  };
}

export type NowPlayingService = ReturnType<typeof createNowPlayingService>;
