/**
 * /l/:key — an album shared by public link, for anyone with the link (no account): a password prompt when the link
 * has one, the photos in a grid, a viewer (download only when the link allows it), and an upload form when the link
 * accepts photos, credited to the name the visitor gives. A revoked or expired link says it no longer works.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link2Off, Lock, Upload } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { isCode, publicAlbumApi, type PublicAlbum } from '../../api/album-sharing';
import { BrandMark } from '../../components/BrandMark';
import { EmptyState, Spinner } from '../../components/PageHeader';
import { formatRange, plural } from '../../lib/format';
import { PublicViewer } from './PublicViewer';
import { PublicUpload } from './PublicUpload';

type State =
  | { kind: 'loading' }
  | { kind: 'locked' }
  | { kind: 'gone'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; album: PublicAlbum };

export function PublicAlbumScreen({ linkKey }: { linkKey: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [viewing, setViewing] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', album: await publicAlbumApi.get(linkKey) });
    } catch (err) {
      if (isCode(err, 'link_password_required')) setState({ kind: 'locked' });
      else if (isCode(err, 'link_revoked', 'link_expired', 'not_found', 'invalid_request'))
        setState({ kind: 'gone', message: errorMessage(err) });
      else setState({ kind: 'error', message: errorMessage(err) });
    }
  }, [linkKey]);
  useEffect(() => void load(), [load]);

  let body;
  if (state.kind === 'loading') body = <Spinner label="Opening the album…" />;
  else if (state.kind === 'locked') body = <PasswordForm linkKey={linkKey} onUnlocked={() => void load()} />;
  else if (state.kind === 'gone' || state.kind === 'error')
    body = (
      <EmptyState icon={<Link2Off size={40} strokeWidth={1.5} />} title="This link no longer works" testId="public-album-gone">
        <p>{state.message}</p>
      </EmptyState>
    );
  else {
    const a = state.album;
    const range = formatRange(a.album.startAt, a.album.endAt);
    body = (
      <>
        <header className="public-head">
          <h1 data-testid="public-album-title">{a.album.name}</h1>
          <p className="muted">
            Shared by {a.album.ownerName} · {plural(a.album.assetCount, 'photo')}
            {range && ` · ${range}`}
          </p>
          {a.allowUpload && a.assets.length > 0 && (
            // The photos come first (they are why the link was sent); the form waits below them, one tap away.
            <a className="button" href="#public-upload" data-testid="public-upload-jump">
              <Upload size={18} aria-hidden /> Add your photos
            </a>
          )}
        </header>
        {a.assets.length === 0 ? (
          <p className="muted" data-testid="public-album-empty">
            No photos yet.
          </p>
        ) : (
          <ul className="public-grid" data-testid="public-grid">
            {a.assets.map((x, i) => (
              <li key={x.id} className="public-tile" data-testid="public-tile" data-asset-id={x.id}>
                <button
                  className="public-tile-open"
                  onClick={() => setViewing(i)}
                  aria-label={`Open photo ${i + 1}, added by ${x.addedBy}`}
                >
                  <img src={x.thumbnailUrl} alt="" loading="lazy" width={x.width} height={x.height} />
                </button>
                {x.viaLink && (
                  <span className="public-credit" data-testid="public-tile-credit">
                    {x.addedBy}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {a.allowUpload && <PublicUpload linkKey={linkKey} onUploaded={() => void load()} />}
        {viewing !== null && <PublicViewer album={a} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} />}
      </>
    );
  }
  return (
    <div className="guest-page" data-testid="public-album-screen">
      <div className="guest-brand">
        <BrandMark />
      </div>
      <main className="guest-main">{body}</main>
    </div>
  );
}

function PasswordForm({ linkKey, onUnlocked }: { linkKey: string; onUnlocked: () => void }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await publicAlbumApi.unlock(linkKey, password);
      onUnlocked();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="guest-join card" onSubmit={(e) => void submit(e)} data-testid="public-password-form">
      <Lock size={36} strokeWidth={1.5} className="guest-join-icon" aria-hidden />
      <h1>This album has a password</h1>
      <p className="muted">Whoever shared it will have told you the password.</p>
      <label className="field">
        <span className="field-label">Password</span>
        <input
          className="input"
          type="password"
          value={password}
          required
          autoFocus
          autoComplete="off"
          onChange={(e) => setPassword(e.target.value)}
          data-testid="public-password-input"
        />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="public-password-error">
          {error}
        </p>
      )}
      <button className="button button-primary button-block" disabled={busy || !password} data-testid="public-password-submit">
        Open the album
      </button>
    </form>
  );
}
