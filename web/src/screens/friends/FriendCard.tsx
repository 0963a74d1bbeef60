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
        className="now-playing-cover"
        src={url}
        alt=""
        referrerPolicy="no-referrer"
        loading="lazy"
        onError={() => setBroken(true)}
        data-testid="now-playing-cover"
      />
    );
  return <div className="now-playing-cover now-playing-cover-empty">{video ? <Film size={26} /> : <Disc3 size={28} />}</div>;
}

export function FindLinks({ links, compact }: { links: FindLink[]; compact?: boolean }) {
  return (
    <div className={`now-playing-find${compact ? ' compact' : ''}`} data-testid="now-playing-find">
      {!compact && (
        <span className="now-playing-find-label">
          <Search size={13} /> Find it
        </span>
      )}
      {links.map((l) => (
        <a
          key={l.label + l.url}
          className="now-playing-find-link"
          href={l.url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="now-playing-find-link"
        >
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
    <div className="now-playing-play" data-testid="now-playing-playing">
      <Cover url={play.cover_url} video={play.media_type === 'video'} />
      <div className="now-playing-play-main">
        <div className="now-playing-title" data-testid="now-playing-title">
          {play.title}
        </div>
        <div className="now-playing-artist" data-testid="now-playing-artist">
          {play.artist}
          {play.album && <span className="muted"> · {play.album}</span>}
        </div>
        {pct != null ? (
          <div className="now-playing-progress" data-testid="now-playing-progress">
            <div
              className="now-playing-bar"
              role="progressbar"
              aria-label={`Progress of ${play.title}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(pct)}
              aria-valuetext={`${clock(pos)} of ${clock(play.duration_ms!)}`}
            >
              <span style={{ width: `${pct}%` }} />
            </div>
            <div className="now-playing-times">
              <span data-testid="now-playing-elapsed">{clock(pos)}</span>
              <span data-testid="now-playing-left">−{clock(play.duration_ms! - pos)} left</span>
            </div>
          </div>
        ) : (
          <div className="now-playing-times muted">Playing for {clock(pos)}</div>
        )}
        <FindLinks links={play.find} />
      </div>
    </div>
  );
}

function RecentList({ listens, now }: { listens: Listen[]; now: number }) {
  if (!listens.length) return null;
  return (
    <ul className="now-playing-recent" data-testid="now-playing-recent">
      {listens.map((l) => (
        <li key={l.id} data-testid="now-playing-recent-item">
          <Music2 size={13} className="muted" />
          <span className="now-playing-recent-text">
            <strong>{l.title}</strong> <span className="muted">— {l.artist}</span>
          </span>
          <span className="muted now-playing-recent-when">{ago(l.listened_at, now)}</span>
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
    <article className={`card now-playing-card${playing ? ' is-playing' : ''}`} data-testid="friend-card" data-username={user.username}>
      <header className="now-playing-card-head">
        <Avatar name={user.displayName || user.username} seed={user.id} size={36} />
        <div className="now-playing-who">
          <strong>{user.displayName || user.username}</strong>
          <span className="muted">@{user.username}</span>
        </div>
        {playing ? (
          <span className="now-playing-live" data-testid="now-playing-live">
            <span className="now-playing-eq" aria-hidden>
              <i />
              <i />
              <i />
            </span>
            {verb} now{playing.player ? ` · ${playing.player}` : ''}
          </span>
        ) : (
          <span className="muted now-playing-idle">Not playing</span>
        )}
      </header>
      {/* Keyed by start: a new track gets a fresh bar instead of animating back from the old position. */}
      {playing && <PlayView key={playing.started_at} play={playing} now={now} />}
      <RecentList listens={friend.recent} now={now} />
    </article>
  );
}
