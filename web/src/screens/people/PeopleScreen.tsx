/**
 * People: everyone Kith found in my photos, grouped by face (named and linked first), with
 * the face analysis progress while a library is being analysed.
 */
import { useState } from 'react';
import { Eye, EyeOff, RefreshCw, ScanFace } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { peopleApi } from '../../api/people';
import { FaceProgress } from '../../components/FaceProgress';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { PersonCard } from '../../components/PersonCard';
import { plural } from '../../lib/format';
import { useRealtimeRefresh } from '../../lib/realtime';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';
import { SamePersonSuggestions } from './SamePersonSuggestions';

export function PeopleScreen() {
  const [showHidden, setShowHidden] = useState(false);
  const people = useAsync(() => peopleApi.list(showHidden), [showHidden]);
  const toast = useToast();
  useRealtimeRefresh(['people.updated', 'faces.progress'], people.reload, 800);

  const reindex = async () => {
    try {
      const queued = await peopleApi.reindex();
      toast({
        tone: 'success',
        message: queued ? `Analysing ${plural(queued, 'photo')} again` : 'Every photo is up to date; grouping faces again',
      });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  const list = people.data ?? [];
  return (
    <div className="screen" data-testid="people-screen">
      <PageHeader
        title="People"
        subtitle={people.data ? `${plural(list.length, 'person', 'people')}${showHidden ? ', hidden ones included' : ''}` : undefined}
        actions={
          <>
            <button className="button" data-testid="people-show-hidden" aria-pressed={showHidden} onClick={() => setShowHidden((v) => !v)}>
              {showHidden ? <EyeOff size={16} /> : <Eye size={16} />} {showHidden ? 'Hide hidden' : 'Show hidden'}
            </button>
            <button
              className="button"
              data-testid="people-reindex"
              title="Analyse photos again with the current face model"
              onClick={() => void reindex()}
            >
              <RefreshCw size={16} /> Re-index
            </button>
          </>
        }
      />
      <FaceProgress />
      <SamePersonSuggestions onMerged={people.reload} />
      {people.error && <ErrorNote message={people.error} onRetry={people.reload} />}
      {people.loading && <Spinner />}
      {people.data && list.length === 0 && (
        <EmptyState icon={<ScanFace size={40} strokeWidth={1.5} />} title="No people yet" testId="people-empty">
          <p>Kith groups the faces in your photos into people once someone appears in two photos. Upload a few and they show up here.</p>
        </EmptyState>
      )}
      <div className="people-grid" data-testid="people-list">
        {list.map((p) => (
          <PersonCard key={p.id} person={p} />
        ))}
      </div>
    </div>
  );
}
