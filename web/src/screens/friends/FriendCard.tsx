/**
 * One friend in the Friends panel: what they play now (cover, title, artist, album, a progress
 * bar with elapsed and time left that ticks client-side), "find it" links, and recent listens.
 */
import { Disc3, ExternalLink, Film, Music2, Search } from 'lucide-react';
import { useState } from 'react';
import type { FindLink, Listen, NowPlaying, NowPlayingFriend } from './friends-types';
import { Avatar } from '../../components/Avatar';
import { ago, clock } from '../../lib/use-now';

/** Position now: the reported position plus the time since, capped at the duration. */
export function positionAt(p: NowPlaying, now: number): number {
  const pos = p.position_ms + Math.max(0, now - Date.parse(p.position_at));
  return p.duration_ms ? Math.min(pos, p.duration_ms) : pos;
}

function Cover({ url, video }: { url: string | null; video: boolean }) {
  const [broken, setBroken] = useState(false);
  if (url && !broken)
    return (
      <img
        className="np-cover"
        src={url}
        alt=""
        referrerPolicy="no-referrer"
        loading="lazy"
        onError={() => setBroken(true)}
        data-testid="np-cover"
      />
    );
  return <div className="np-cover np-cover-empty">{video ? <Film size={26} /> : <Disc3 size={28} />}</div>;
}

export function FindLinks({ links, compact }: { links: FindLink[]; compact?: boolean }) {
  return (
    <div className={`np-find${compact ? ' compact' : ''}`} data-testid="np-find">
      {!compact && (
        <span className="np-find-label">
          <Search size={13} /> Find it
        </span>
      )}
      {links.map((l) => (
        <a key={l.label + l.url} className="np-find-link" href={l.url} target="_blank" rel="noopener noreferrer" data-testid="np-find-link">
          {l.label} <ExternalLink size={11} />
        </a>
      ))}
    </div>
  );
}

export function PlayView({ play, now }: { play: NowPlaying; now: number }) {
  const pos = positionAt(play, now);
  const pct = play.duration_ms ? Math.min(100, (pos / play.duration_ms) * 100) : null;
  return (
    <div className="np-play" data-testid="np-playing">
      <Cover url={play.cover_url} video={play.media_type === 'video'} />
      <div className="np-play-main">
        <div className="np-title" data-testid="np-title">
          {play.title}
        </div>
        <div className="np-artist" data-testid="np-artist">
          {play.artist}
          {play.album && <span className="muted"> · {play.album}</span>}
        </div>
        {pct != null ? (
          <div className="np-progress" data-testid="np-progress">
            <div
              className="np-bar"
              role="progressbar"
              aria-label={`Progress of ${play.title}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(pct)}
              aria-valuetext={`${clock(pos)} of ${clock(play.duration_ms!)}`}
            >
              <span style={{ width: `${pct}%` }} />
            </div>
            <div className="np-times">
              <span data-testid="np-elapsed">{clock(pos)}</span>
              <span data-testid="np-left">−{clock(play.duration_ms! - pos)} left</span>
            </div>
          </div>
        ) : (
          <div className="np-times muted">Playing for {clock(pos)}</div>
        )}
        <FindLinks links={play.find} />
      </div>
    </div>
  );
}

function RecentList({ listens, now }: { listens: Listen[]; now: number }) {
  if (!listens.length) return null;
  return (
    <ul className="np-recent" data-testid="np-recent">
      {listens.map((l) => (
        <li key={l.id} data-testid="np-recent-item">
          <Music2 size={13} className="muted" />
          <span className="np-recent-text">
            <strong>{l.title}</strong> <span className="muted">— {l.artist}</span>
          </span>
          <span className="muted np-recent-when">{ago(l.listened_at, now)}</span>
          <FindLinks links={l.find} compact />
        </li>
      ))}
    </ul>
  );
}

export function FriendCard({ friend, now }: { friend: NowPlayingFriend; now: number }) {
  const { user, playing } = friend;
  const verb = playing?.media_type === 'video' ? 'Watching' : 'Listening';
  return (
    <article className={`card np-card${playing ? ' is-playing' : ''}`} data-testid="friend-card" data-username={user.username}>
      <header className="np-card-head">
        <Avatar name={user.displayName || user.username} seed={user.id} size={36} />
        <div className="np-who">
          <strong>{user.displayName || user.username}</strong>
          <span className="muted">@{user.username}</span>
        </div>
        {playing ? (
          <span className="np-live" data-testid="np-live">
            <span className="np-eq" aria-hidden>
              <i />
              <i />
              <i />
            </span>
            {verb} now{playing.player ? ` · ${playing.player}` : ''}
          </span>
        ) : (
          <span className="muted np-idle">Not playing</span>
        )}
      </header>
      {/* Keyed by start: a new track gets a fresh bar instead of animating back from the old position. */}
      {playing && <PlayView key={playing.started_at} play={playing} now={now} />}
      <RecentList listens={friend.recent} now={now} />
    </article>
  );
}
