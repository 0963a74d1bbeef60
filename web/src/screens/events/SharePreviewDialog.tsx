/**
 * "Share event", step 1 then 2: shows who would receive the event album (and how many
 * photos each), who is left out and why, then shares and hands back the album. An event
 * already shared (by me or a contact: one album per event) says so, with whom, and how many
 * new photos sharing again adds. Every count is the server's preview, equal to the result.
 */
import { useState } from 'react';
import { Share2, UserX, Users } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { eventsApi } from '../../api/events';
import type { EventSummary, ExclusionReason, ShareResult } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Modal } from '../../components/Modal';
import { ErrorNote, Spinner } from '../../components/PageHeader';
import { plural } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useAccount } from '../../state/session';
import { othersIn } from './SharedEventState';

const REASONS: Record<ExclusionReason, string> = {
  not_mutual: 'Not a mutual contact — you both need each other in your contacts',
  gathering_off: 'Turned off “Let my contacts gather my event photos”',
  no_matching_photos: 'Is not in any photo of this event',
};

export function SharePreviewDialog({
  event,
  onClose,
  onShared,
}: {
  event: EventSummary;
  onClose: () => void;
  onShared: (r: ShareResult, alreadyShared: boolean) => void;
}) {
  const me = useAccount();
  const preview = useAsync(() => eventsApi.sharePreview(event.marker), [event.marker]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const p = preview.data;

  const share = async () => {
    setBusy(true);
    setError(null);
    try {
      onShared(await eventsApi.share(event.marker), !!p?.album);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Share “${event.name}”`}
      onClose={onClose}
      testId="share-preview-dialog"
      footer={
        <>
          {error && <span className="form-error grow">{error}</span>}
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button button-primary" disabled={!p || busy} data-testid="share-confirm" onClick={() => void share()}>
            <Share2 size={16} />{' '}
            {!p
              ? 'Share'
              : p.album
                ? p.newAssetCount
                  ? `Add ${plural(p.newAssetCount, 'new photo')}`
                  : 'Open event album'
                : p.recipients.length > 0
                  ? `Share with ${plural(p.recipients.length, 'person', 'people')}`
                  : 'Create event album'}
          </button>
        </>
      }
    >
      {preview.loading && <Spinner label="Finding who was there…" />}
      {preview.error && <ErrorNote message={preview.error} onRetry={preview.reload} />}
      {p && (
        <div className="stack gap-16" data-testid="share-preview">
          {p.album ? (
            <p className="muted" data-testid="share-already">
              Already shared in “{p.album.name}” with {othersIn(p.album, me.id)}.{' '}
              {p.newAssetCount
                ? `${plural(p.newAssetCount, 'new photo')} would be added, ${plural(p.totalAssetCount, 'photo')} in all.`
                : `No new photos to add; it holds ${plural(p.totalAssetCount, 'photo')}.`}
            </p>
          ) : (
            <p className="muted" data-testid="share-summary">
              An event album gathers everyone’s photos of this event: {plural(p.ownAssetCount, 'photo')} of yours,{' '}
              {plural(p.totalAssetCount, 'photo')} in all.
            </p>
          )}
          <section>
            <h3 className="section-label">
              <Users size={16} /> Will receive it ({p.recipients.length})
            </h3>
            {p.recipients.length === 0 && <p className="muted small">Nobody yet — the album will hold your photos until contacts join.</p>}
            <ul className="people-list">
              {p.recipients.map((r) => (
                <li key={r.account.id} className="person" data-testid="share-recipient" data-username={r.account.username}>
                  <Avatar name={r.account.displayName} seed={r.account.id} size={36} />
                  <span className="person-text">
                    <strong>{r.account.displayName}</strong>
                    <span className="muted small">@{r.account.username}</span>
                  </span>
                  <span className="badge badge-soft" title="Photos of the event they contribute">
                    +{plural(r.assetCount, 'photo')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          {p.excluded.length > 0 && (
            <section>
              <h3 className="section-label">
                <UserX size={16} /> Left out ({p.excluded.length})
              </h3>
              <ul className="people-list">
                {p.excluded.map((x) => (
                  <li key={x.account.id} className="person excluded" data-testid="share-excluded" data-reason={x.reason}>
                    <Avatar name={x.account.displayName} seed={x.account.id} size={36} />
                    <span className="person-text">
                      <strong>{x.account.displayName}</strong>
                      <span className="muted small">{REASONS[x.reason] ?? x.reason}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </Modal>
  );
}
