/** Settings › "Shared links": every public album link I made, with its state, and Revoke. */
import { albumSharingApi, type AlbumLink } from '../../api/album-sharing';
import { errorMessage } from '../../api/client';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';
import { linkTraits } from '../albums/AlbumLinksPanel';

export function SharedLinksSection() {
  const links = useAsync(() => albumSharingApi.allLinks(), []);
  const confirm = useConfirm();
  const toast = useToast();
  const revoke = async (l: AlbumLink) => {
    if (
      !(await confirm({
        title: `Revoke this link to “${l.albumName}”?`,
        body: 'Whoever has it will see that it no longer works.',
        confirmLabel: 'Revoke',
        danger: true,
      }))
    )
      return;
    try {
      await albumSharingApi.revokeLink(l.id);
      links.reload();
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  return (
    <section className="card settings-card" data-testid="settings-shared-links">
      <h2>Shared links</h2>
      <p className="muted">Public links to your albums. Anyone with an active link can open the album without an account.</p>
      {links.data?.length === 0 && (
        <p className="muted" data-testid="shared-links-empty">
          No links yet: open an album and choose Share.
        </p>
      )}
      <ul className="share-list">
        {links.data?.map((l) => (
          <li key={l.id} className="share-item" data-testid="shared-link-row" data-state={l.state}>
            <span className="grow">
              <Link href={`/albums/${encodeURIComponent(l.albumId)}`}>{l.albumName}</Link>
              {l.label && <span className="muted"> · {l.label}</span>}
              <br />
              <span className="link-url">{l.url}</span>
              <br />
              <span className="muted small">{linkTraits(l)}</span>
            </span>
            {l.state === 'active' && (
              <button className="button button-danger-ghost" onClick={() => void revoke(l)} data-testid="shared-link-revoke">
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
