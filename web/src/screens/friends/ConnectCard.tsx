/**
 * How to connect a player: the ListenBrainz, Last.fm and Audioscrobbler endpoints of this server
 * and a scrobbler token to enter as the player's token or password (shown once).
 */
import { useState } from 'react';
import { Plug } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { nowPlayingApi } from '../../api/now-playing';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';

export function ConnectCard() {
  const info = useAsync(() => nowPlayingApi.connect(), []);
  const [token, setToken] = useState<string | null>(null);
  const toast = useToast();
  const c = info.data;
  if (!c) return null;
  const make = async () => {
    try {
      setToken(await nowPlayingApi.scrobblerToken('Music player'));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  return (
    <section className="card now-playing-side-card" data-testid="now-playing-connect">
      <h2>
        <Plug size={16} /> Connect a player
      </h2>
      <dl className="now-playing-facts now-playing-endpoints">
        <div>
          <dt>ListenBrainz API root</dt>
          <dd>
            <code>{c.listenbrainz_url}</code>
          </dd>
        </div>
        <div>
          <dt>Audioscrobbler (mpdscribble)</dt>
          <dd>
            <code>{c.audioscrobbler_url}</code>
          </dd>
        </div>
        <div>
          <dt>Last.fm API root</dt>
          <dd>
            <code>{c.lastfm.api_url}</code>
          </dd>
        </div>
        <div>
          <dt>Last.fm API key · shared secret</dt>
          <dd>
            <code>{c.lastfm.api_key}</code> · <code>{c.lastfm.shared_secret}</code>
          </dd>
        </div>
      </dl>
      {token ? (
        <div className="secret-box" data-testid="now-playing-scrobbler-token">
          <span>
            Username <code>{c.username}</code>, password or token:
          </span>
          <code className="secret">{token}</code>
          <span className="muted small">Shown once. This token can only report what you play; revoke it under Settings → API tokens.</span>
        </div>
      ) : (
        <button className="button" onClick={() => void make()} data-testid="now-playing-make-token">
          Make a scrobbler token
        </button>
      )}
    </section>
  );
}
