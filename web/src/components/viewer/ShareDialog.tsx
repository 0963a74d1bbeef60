/**
 * "Share this photo" from the viewer, three ways:
 * - **To an album**: hands over to Add to album (an album's members then see it).
 * - **A link**: makes a one-photo album named after the photo and a public link to it (`/l/{key}`, download
 *   allowed, no expiry), then offers Copy; the link is managed like any other under Settings → Shared links.
 * - **A person**: routing, which sends a photo to the contacts whose faces Kith recognised in it
 *   (GET /api/routing/suggestions, POST …/{assetId}/send). With no suggestion it says how one comes about.
 */
import { useState } from 'react';
import { FolderPlus, Link2, Send } from 'lucide-react';
import { albumSharingApi, type AlbumLink } from '../../api/album-sharing';
import { albumsApi } from '../../api/albums';
import { errorMessage } from '../../api/client';
import { routingApi } from '../../api/routing';
import type { Asset } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';
import { Modal } from '../Modal';

interface Props {
  asset: Asset;
  onClose: () => void;
  onToAlbum: () => void;
}

export function ShareDialog({ asset, onClose, onToAlbum }: Props) {
  const toast = useToast();
  const [link, setLink] = useState<AlbumLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const suggestion = useAsync(async () => (await routingApi.suggestions()).find((s) => s.assetId === asset.id) ?? null, [asset.id]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(false);
  };
  const makeLink = () =>
    run(async () => {
      const album = await albumsApi.create(`${asset.originalName} · ${formatDateTime(asset.capturedAt)}`.slice(0, 200), [asset.id]);
      setLink(await albumSharingApi.createLink(album.id, { allowDownload: true }));
    });
  const copy = (url: string) =>
    run(async () => {
      await navigator.clipboard.writeText(url);
      toast({ tone: 'success', message: 'Link copied' });
    });
  const send = () =>
    run(async () => {
      const sent = await routingApi.send(asset.id);
      toast({ tone: 'success', message: `Sending to ${sent.map((d) => d.contact.name).join(', ')}` });
      onClose();
    });

  return (
    <Modal title="Share this photo" onClose={onClose} size="small" testId="viewer-share-dialog">
      <div className="stack gap-16">
        <button className="share-way" onClick={onToAlbum} data-testid="share-to-album">
          <FolderPlus size={20} aria-hidden="true" />
          <span>
            <strong>To an album</strong>
            <span className="muted small">Everyone in the album sees it</span>
          </span>
        </button>
        {link ? (
          <div className="share-way share-way-result" data-testid="share-link-result">
            <Link2 size={20} aria-hidden="true" />
            <span className="grow">
              <strong>Anyone with this link can see the photo</strong>
              <span className="share-link-row">
                <input
                  className="input"
                  readOnly
                  value={link.url}
                  aria-label="Link"
                  data-testid="share-link-url"
                  onFocus={(e) => e.target.select()}
                />
                <button className="button" disabled={busy} onClick={() => void copy(link.url)} data-testid="share-link-copy">
                  Copy
                </button>
              </span>
              <span className="muted small">In the new album “{link.albumName}”; revoke it under Settings → Shared links.</span>
            </span>
          </div>
        ) : (
          <button className="share-way" disabled={busy} onClick={() => void makeLink()} data-testid="share-link">
            <Link2 size={20} aria-hidden="true" />
            <span>
              <strong>Get a link</strong>
              <span className="muted small">A public page with this photo, for anyone you send it to</span>
            </span>
          </button>
        )}
        {suggestion.data ? (
          <button className="share-way" disabled={busy} onClick={() => void send()} data-testid="share-person">
            <Send size={20} aria-hidden="true" />
            <span>
              <strong>{suggestion.data.prompt}</strong>
              <span className="muted small">Kith recognised them in this photo; it goes to their inbox</span>
            </span>
          </button>
        ) : (
          <div className="share-way share-way-off" data-testid="share-person-none">
            <Send size={20} aria-hidden="true" />
            <span>
              <strong>To a person</strong>
              <span className="muted small">
                {suggestion.loading
                  ? 'Looking for people in this photo…'
                  : 'Kith offers to send a photo to the people it recognises in it who are on Kith. In Info, name a face after a contact who has an account here or a Kith address, with automatic sharing on in Settings.'}
              </span>
            </span>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}
