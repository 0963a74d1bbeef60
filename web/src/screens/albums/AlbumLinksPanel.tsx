/** Public links of one album: create (password, expiry, download, upload), copy, revoke. */
import { useState, type FormEvent } from 'react';
import { Copy, Link2 } from 'lucide-react';
import { albumSharingApi, type AlbumLink } from '../../api/album-sharing';
import { errorMessage } from '../../api/client';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';

/** "Password · download · uploads · until 3 Jan" */
export function linkTraits(l: AlbumLink): string {
  const t = [
    l.hasPassword ? 'password' : 'no password',
    l.allowDownload ? 'download allowed' : 'no download',
    l.allowUpload ? 'uploads allowed' : 'no uploads',
  ];
  if (l.state !== 'active') t.unshift(l.state);
  else if (l.expiresAt) t.push(`until ${new Date(l.expiresAt).toLocaleDateString()}`);
  return t.join(' · ');
}

export function AlbumLinksPanel({ albumId }: { albumId: string }) {
  const links = useAsync(() => albumSharingApi.links(albumId), [albumId]);
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [expiry, setExpiry] = useState('');
  const [download, setDownload] = useState(true);
  const [upload, setUpload] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await albumSharingApi.createLink(albumId, {
        ...(password ? { password } : {}),
        // The end of the chosen day, local time.
        ...(expiry ? { expiresAt: new Date(`${expiry}T23:59:59`).toISOString() } : {}),
        allowDownload: download,
        allowUpload: upload,
      });
      setPassword('');
      setExpiry('');
      links.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (l: AlbumLink) => {
    try {
      await albumSharingApi.revokeLink(l.id);
      links.reload();
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      toast({ tone: 'success', message: 'Link copied' });
    } catch {
      toast({ tone: 'error', message: 'Copying is not allowed here; select the link and copy it.' });
    }
  };

  return (
    <section className="share-section">
      <h3>Public links</h3>
      <p className="muted small">Anyone with a link sees this album, without an account. Add a password for more privacy.</p>
      <form className="share-options" onSubmit={(e) => void create(e)} data-testid="share-link-create">
        <label className="field">
          <span className="field-label">Password (optional)</span>
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            minLength={4}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="share-link-password"
          />
        </label>
        <label className="field">
          <span className="field-label">Expires (optional)</span>
          <input className="input" type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} data-testid="share-link-expiry" />
        </label>
        <label className="check-row">
          <input type="checkbox" checked={download} onChange={(e) => setDownload(e.target.checked)} data-testid="share-link-download" />{' '}
          Allow downloading originals
        </label>
        <label className="check-row">
          <input type="checkbox" checked={upload} onChange={(e) => setUpload(e.target.checked)} data-testid="share-link-upload" /> Allow
          visitors to add photos
        </label>
        <button className="button button-primary" disabled={busy} data-testid="share-link-submit">
          <Link2 size={16} /> Create link
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="share-list">
        {links.data?.map((l) => (
          <li key={l.id} className="share-item" data-testid="share-link" data-link-id={l.id} data-state={l.state}>
            <span className="grow">
              <span className="link-url" data-testid="share-link-url">
                {l.url}
              </span>
              <br />
              <span className="muted small">{linkTraits(l)}</span>
            </span>
            {l.state === 'active' && (
              <>
                <button className="button" onClick={() => void copy(l.url)} data-testid="share-link-copy">
                  <Copy size={16} /> Copy
                </button>
                <button className="button button-danger-ghost" onClick={() => void revoke(l)} data-testid="share-link-revoke">
                  Revoke
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
