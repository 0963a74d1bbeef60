/**
 * `/share`: where "Share → Kith" lands (the service worker's answer to the manifest's share_target, see
 * web/src/sw/share-target.ts). `?queued=N`: N shared photos are in the upload queue; the screen lists the
 * queue with each file's progress, "waiting for the network" while offline, and "Show it" when added.
 * `?url=<page>`: a web page was shared; the server lists its pictures and the user shares a region of one
 * (share/PageImagesPicker.tsx, share/RegionPicker.tsx). `?error=…`: nothing usable came with the share.
 */
import { Share2 } from 'lucide-react';
import { EmptyState, PageHeader } from '../components/PageHeader';
import { formatBytes, plural } from '../lib/format';
import { useOnline } from '../lib/offline';
import { Link } from '../lib/router';
import { useSearch } from '../lib/use-search';
import { showAssetHref } from '../lib/use-show-asset';
import { useUploads } from '../state/uploads';
import { PageImagesPicker } from './share/PageImagesPicker';

const STATE_WORDS = { queued: 'Waiting to upload', uploading: 'Uploading', created: 'Added', duplicate: 'Already in your library' };

export function ShareScreen() {
  const search = useSearch();
  const params = new URLSearchParams(search);
  const queued = Number(params.get('queued') ?? 0);
  const pageUrl = params.get('url');
  const { items } = useUploads();
  const online = useOnline();

  return (
    <div className="screen" data-testid="share-screen">
      <PageHeader
        title="Shared to Kith"
        subtitle={queued > 0 ? `${plural(queued, 'photo')} added to your upload queue` : pageUrl ? 'A web page' : undefined}
      />
      {!online && (
        <p className="share-note" role="status" data-testid="share-offline">
          You're offline. Your photos are kept on this device and upload by themselves when you're back online.
        </p>
      )}
      {pageUrl && <PageImagesPicker url={pageUrl} />}
      {!pageUrl && items.length === 0 && (
        <EmptyState icon={<Share2 size={40} strokeWidth={1.5} />} title="Nothing waiting to upload" testId="share-empty">
          <p>
            {params.get('error')
              ? 'Nothing Kith can keep came with that share: share photos, or a web page.'
              : 'On your phone, choose Share → Kith in your gallery: the photos are queued here and uploaded, even after going offline.'}
          </p>
        </EmptyState>
      )}
      {items.length > 0 && <h2 className="share-list-title">Upload queue</h2>}
      {items.length > 0 && (
        <ul className="card share-list" data-testid="share-list" aria-label="Upload queue">
          {items.map((i) => (
            <li key={i.key} className="share-item" data-testid="share-item" data-status={i.state}>
              <div className="share-item-body">
                <div className="upload-item-name">{i.name}</div>
                <div className="upload-item-note">
                  {i.state === 'failed' ? (i.message ?? 'Failed') : i.waiting ? 'Waiting for the network' : STATE_WORDS[i.state]}
                  {' · '}
                  {formatBytes(i.bytes)}
                </div>
                {(i.state === 'queued' || i.state === 'uploading') && (
                  <div
                    className="progress"
                    role="progressbar"
                    aria-label={`${i.name} sent`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(i.progress * 100)}
                  >
                    <div className="progress-bar" style={{ width: `${Math.round(i.progress * 100)}%` }} />
                  </div>
                )}
              </div>
              {i.assetId && (
                <Link
                  className="button button-small"
                  href={showAssetHref(i.assetId)}
                  data-testid="share-show"
                  aria-label={`Show ${i.name}`}
                >
                  Show it
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
