/**
 * Inbox: photos other people sent me through the public album inbox (seed CN103369031A),
 * each with the sender's claimed name and address and when it arrived. Every one of them passed the
 * face check against my reference faces. They live in my "Shared with me" inbox album.
 */
import { useState } from 'react';
import { Inbox, Send } from 'lucide-react';
import { inboxApi } from '../../api/inbox';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { Viewer } from '../../components/Viewer';
import { InfoRow } from '../../components/ViewerInfo';
import { formatDateTime, plural } from '../../lib/format';
import { useRealtimeRefresh } from '../../lib/realtime';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

export function InboxScreen() {
  const inbox = useAsync(() => inboxApi.items(), []);
  useRealtimeRefresh(['inbox.received', 'asset.ready'], inbox.reload);
  const items = inbox.data?.items ?? [];
  const [viewing, setViewing] = useState<number | null>(null);
  const senderOf = (assetId: string) => items.find((i) => i.assetId === assetId)?.sender;
  const albumId = inbox.data?.albumId;
  return (
    <div className="screen" data-testid="inbox-screen">
      <PageHeader
        title="Inbox"
        subtitle={items.length ? `${plural(items.length, 'photo')} sent to you` : undefined}
        actions={
          albumId ? (
            <Link href={`/albums/${encodeURIComponent(albumId)}`} className="button" data-testid="inbox-open-album">
              Open the “Shared with me” album
            </Link>
          ) : undefined
        }
      />
      {inbox.error && <ErrorNote message={inbox.error} onRetry={inbox.reload} />}
      {inbox.loading && <Spinner />}
      {inbox.data && items.length === 0 && (
        <EmptyState icon={<Inbox size={40} strokeWidth={1.5} />} title="No photos sent to you yet" testId="inbox-empty">
          <p>
            When someone shares a photo you are in, with <code>kith share</code> or from their Kith, it lands here. Kith only accepts photos
            that show your face, recognised from the reference faces in Settings.
          </p>
        </EmptyState>
      )}
      <ul className="inbox-grid" data-testid="inbox-list">
        {items.map((it, n) => (
          <li key={it.assetId} className="inbox-item" data-testid="inbox-item" data-asset-id={it.assetId}>
            <button type="button" className="inbox-thumb" title={it.pictureName} onClick={() => setViewing(n)} data-testid="inbox-open">
              <img src={it.thumbnailUrl} alt={it.pictureName} loading="lazy" width={it.width} height={it.height} />
            </button>
            <div className="inbox-meta">
              <strong className="inbox-sender" data-testid="inbox-sender-name">
                {it.sender.name || it.sender.address || 'Someone'}
              </strong>
              {it.sender.address && (
                <span className="muted small inbox-address" data-testid="inbox-sender-address">
                  {it.sender.address}
                </span>
              )}
              {!it.sender.verified && (
                <span
                  className="muted small"
                  data-testid="inbox-sender-unverified"
                  title="The sender did not prove this address: anyone can write a name and an address"
                >
                  unverified sender
                </span>
              )}
              <span className="muted small" data-testid="inbox-received-at">
                {formatDateTime(it.receivedAt)}
                {it.sender.local ? ' · this server' : ''}
              </span>
            </div>
          </li>
        ))}
      </ul>
      {viewing !== null && items[viewing] && (
        <Viewer
          assets={items.map((i) => i.asset)}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
          onChanged={() => inbox.reload()}
          extraInfo={(x) => {
            const sender = senderOf(x.id);
            return (
              <InfoRow icon={<Send size={18} />} label="Sent by" testId="info-sender" showLabel>
                {sender?.name || sender?.address || 'Someone'}{' '}
                {sender?.name && sender.address && <span className="muted">{sender.address}</span>}
                {sender && !sender.verified && <span className="muted"> · unverified sender</span>}
              </InfoRow>
            );
          }}
        />
      )}
    </div>
  );
}
