/**
 * "Import from Google Takeout" (/import/takeout): the user picks the export's .zip parts or its extracted
 * folder; the page matches each photo with its JSON sidecar and album (the sdk's matcher, shared with
 * `kith import takeout`), shows what it found, then sends the photos through the upload queue with their
 * sidecar details and recreates the albums. Running it again only fills in what is missing.
 */
import { useRef, useState } from 'react';
import { Archive, FolderOpen, Upload } from 'lucide-react';
import { PageHeader } from '../../components/PageHeader';
import { Link } from '../../lib/router';
import { planTakeout, queueTakeout, type PlannedTakeout, type TakeoutOutcome } from '../../lib/takeout-import';
import { uploadQueue } from '../../state/upload-queue';

type Phase =
  | { step: 'pick' }
  | { step: 'reading' }
  | { step: 'planned' }
  | { step: 'importing'; queued: number }
  | { step: 'done'; outcome: TakeoutOutcome };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function TakeoutImportScreen() {
  const zipInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'pick' });
  const [planned, setPlanned] = useState<PlannedTakeout | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pick = async (files: File[]) => {
    if (!files.length) return;
    setError(null);
    setPhase({ step: 'reading' });
    try {
      await planned?.picked.close();
      setPlanned(await planTakeout(files));
      setPhase({ step: 'planned' });
    } catch (e) {
      setError((e as Error).message);
      setPhase({ step: 'pick' });
    }
  };
  const start = async () => {
    if (!planned) return;
    setPhase({ step: 'importing', queued: 0 });
    try {
      await queueTakeout(
        planned,
        uploadQueue,
        (queued) => setPhase({ step: 'importing', queued }),
        (outcome) => setPhase({ step: 'done', outcome }),
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const plan = planned?.plan;
  const withSidecar = plan?.photos.filter((p) => p.sidecarPath).length ?? 0;
  const albums = planned ? [...new Set(planned.titles.values())] : [];
  const busy = phase.step === 'reading' || phase.step === 'importing';

  return (
    <div className="screen takeout-import" data-testid="takeout-screen">
      <PageHeader
        title="Import from Google Takeout"
        subtitle="Bring your Google Photos library in, with dates, places, captions and albums."
        back={{ href: '/settings', label: 'Settings' }}
      />
      <section className="card settings-card">
        <h2>1. Choose your export</h2>
        <p className="muted">
          Pick the <code>takeout-…zip</code> files Google sent you (all parts at once), or the folder you extracted them to. Nothing leaves
          this device until you start the import.
        </p>
        <div className="row gap-8 wrap">
          <button
            className="button button-primary"
            disabled={busy}
            onClick={() => zipInput.current?.click()}
            data-testid="takeout-pick-zip"
          >
            <Archive size={16} /> Choose .zip files
          </button>
          <button className="button" disabled={busy} onClick={() => folderInput.current?.click()} data-testid="takeout-pick-folder">
            <FolderOpen size={16} /> Choose a folder
          </button>
        </div>
        <input
          ref={zipInput}
          type="file"
          accept=".zip,application/zip"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Takeout .zip files"
          data-testid="takeout-zip-input"
          onChange={(e) => void pick([...(e.target.files ?? [])]).finally(() => (e.target.value = ''))}
        />
        <input
          ref={folderInput}
          type="file"
          // React does not know webkitdirectory; every current browser does.
          {...{ webkitdirectory: '', directory: '' }}
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Extracted Takeout folder"
          data-testid="takeout-folder-input"
          onChange={(e) => void pick([...(e.target.files ?? [])]).finally(() => (e.target.value = ''))}
        />
        {phase.step === 'reading' && (
          <p className="muted" role="status">
            Reading the export…
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="takeout-error">
            {error}
          </p>
        )}
      </section>

      {plan && (
        <section className="card settings-card" data-testid="takeout-plan">
          <h2>2. What Kith found</h2>
          <ul className="takeout-facts">
            <li data-testid="takeout-photos">
              <strong>{plural(plan.photos.length, 'photo')}</strong>, {withSidecar} with Google Photos details (date, place, caption,
              people)
            </li>
            <li data-testid="takeout-albums">
              {albums.length ? (
                <>
                  <strong>{plural(albums.length, 'album')}</strong>: {albums.join(', ')}
                </>
              ) : (
                'No albums (year folders are not albums)'
              )}
            </li>
            {plan.skipped.length > 0 && (
              <li className="muted">{plural(plan.skipped.length, 'other file')} skipped: videos and Takeout’s own pages</li>
            )}
          </ul>
          <p className="muted small">
            People’s names from Google Photos become suggestions on the People screen; you decide who is who. Photos already in your library
            are not added twice.
          </p>
          <div className="row gap-8 wrap">
            <button
              className="button button-primary"
              // aria-disabled, not disabled: the button keeps keyboard focus while the import runs.
              aria-disabled={busy || phase.step === 'done' || plan.photos.length === 0}
              onClick={() => phase.step === 'planned' && plan.photos.length > 0 && void start()}
              data-testid="takeout-start"
            >
              <Upload size={16} /> Import {plural(plan.photos.length, 'photo')}
            </button>
          </div>
          {phase.step === 'importing' && (
            <p className="muted" role="status" data-testid="takeout-progress">
              {phase.queued < plan.photos.length
                ? `Preparing… ${phase.queued} of ${plan.photos.length} queued`
                : 'Uploading: follow each photo in the upload panel.'}
            </p>
          )}
          {phase.step === 'done' && (
            <div role="status" data-testid="takeout-done">
              <p>
                <strong>Done.</strong> {phase.outcome.created} new, {phase.outcome.duplicates} already in your library
                {phase.outcome.failed ? `, ${phase.outcome.failed} failed (see the upload panel)` : ''}.
              </p>
              {phase.outcome.errors.map((e) => (
                <p key={e} className="form-error">
                  {e}
                </p>
              ))}
              {phase.outcome.albums.map((a) => (
                <p key={a.title} className="muted small" data-testid="takeout-album-result">
                  Album “{a.title}”: {a.created ? 'created' : 'found'}, {plural(a.added, 'photo')} added.
                </p>
              ))}
              <div className="row gap-8 wrap">
                <Link href="/" className="button">
                  Open the library
                </Link>
                <Link href="/albums" className="button">
                  Open albums
                </Link>
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
