/**
 * One person: every photo they are in (paged, newest first) with the viewer, and the owner's
 * edits — rename, merge other people into this one, split wrongly grouped faces off, hide/unhide,
 * and confirm a contact link Kith made ("Yes, this is Bob"): automatic sending acts on a person
 * only once the owner linked or confirmed it (docs/security.md "Faces and automatic sharing").
 */
import { useCallback, useEffect, useState } from 'react';
import { Check, Eye, EyeOff, Merge, Pencil } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { peopleApi } from '../../api/people';
import type { Asset } from '../../api/types';
import { AssetGrid } from '../../components/AssetGrid';
import { InfiniteSentinel } from '../../components/InfiniteSentinel';
import { ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { NameSuggestions } from './NameSuggestions';
import { PersonFace } from '../../components/PersonCard';
import { Viewer } from '../../components/Viewer';
import { plural } from '../../lib/format';
import { useRealtime } from '../../lib/realtime';
import { useAsync } from '../../lib/use-async';
import { navigate } from '../../lib/router';
import { useToast } from '../../state/toasts';
import { MergePeopleDialog } from './MergePeopleDialog';
import { NamePersonDialog } from './NamePersonDialog';
import { PersonFaces } from './PersonFaces';

export function PersonScreen({ id }: { id: string }) {
  const person = useAsync(() => peopleApi.get(id), [id]);
  const faces = useAsync(() => peopleApi.faces(id), [id]);
  const [photos, setPhotos] = useState<Asset[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'rename' | 'merge' | null>(null);
  const toast = useToast();

  const loadMore = useCallback(
    async (from: string | null | undefined) => {
      if (from === null) return;
      setLoadingMore(true);
      try {
        const page = await peopleApi.photos(id, from);
        setPhotos((xs) => (from ? [...xs, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        toast({ tone: 'error', message: errorMessage(err) });
      } finally {
        setLoadingMore(false);
      }
    },
    [id, toast],
  );
  useEffect(() => void loadMore(undefined), [loadMore]);
  useRealtime('people.updated', ({ personIds }) => {
    if (!personIds.includes(id)) return;
    person.reload();
    faces.reload();
    void loadMore(undefined);
  });

  const p = person.data;
  if (person.error) return <ErrorNote message={person.error} onRetry={person.reload} />;
  if (!p) return <Spinner />;

  const toggleHidden = async () => {
    try {
      const next = await peopleApi.update(id, { hidden: !p.hidden });
      person.setData(next);
      toast({ message: next.hidden ? `${next.displayName ?? 'This person'} is hidden from People` : 'Shown in People again' });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  /** PATCH with the contact it already has: the owner's confirmation of Kith's link. */
  const confirmLink = async () => {
    try {
      const next = await peopleApi.update(id, { contactId: p.contact!.id });
      person.setData(next);
      toast({ tone: 'success', message: `New photos of ${p.contact!.name} can now be sent automatically` });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  const unconfirmed = !!p.contact && !p.linkConfirmed;

  return (
    <div className="screen" data-testid="person-screen" data-person-id={p.id}>
      <PageHeader
        back={{ href: '/people', label: 'People' }}
        title={
          <span className="person-title">
            <PersonFace person={p} size={56} />
            <span data-testid="person-title" className={p.displayName ? '' : 'muted'}>
              {p.displayName ?? 'Unnamed person'}
            </span>
          </span>
        }
        subtitle={
          <span data-testid="person-count">
            {plural(p.photoCount, 'photo')}
            {p.isMe && ' · you'}
            {p.contact && !p.name && ' · from your contacts'}
            {unconfirmed &&
              (p.linkSource === 'linked_reference_face'
                ? ` · Kith linked these faces to ${p.contact!.name} by the reference face ${p.contact!.name} registered: confirm before anything is sent automatically`
                : ` · linked by Kith: confirm to send new photos automatically`)}
            {p.hidden && ' · hidden'}
          </span>
        }
        actions={
          <>
            {unconfirmed && (
              <button className="button button-primary" data-testid="person-confirm-link" onClick={() => void confirmLink()}>
                <Check size={16} /> Yes, this is {p.contact!.name}
              </button>
            )}
            <button
              className={`button${unconfirmed ? '' : ' button-primary'}`}
              data-testid="person-rename"
              onClick={() => setDialog('rename')}
            >
              <Pencil size={16} /> {p.displayName ? 'Change name' : 'Add a name'}
            </button>
            <button className="button" data-testid="person-merge" onClick={() => setDialog('merge')}>
              <Merge size={16} /> Merge
            </button>
            <button className="button" data-testid="person-hide" onClick={() => void toggleHidden()}>
              {p.hidden ? <Eye size={16} /> : <EyeOff size={16} />} {p.hidden ? 'Unhide' : 'Hide'}
            </button>
          </>
        }
      />
      <NameSuggestions person={p} onNamed={person.setData} />
      {faces.data && faces.data.length > 1 && (
        <PersonFaces
          key={p.id}
          person={p}
          faces={faces.data}
          onSplit={() => {
            person.reload();
            faces.reload();
            void loadMore(undefined);
          }}
        />
      )}
      <AssetGrid assets={photos} onOpen={setViewing} />
      {loadingMore && <Spinner />}
      <InfiniteSentinel onVisible={() => !loadingMore && void loadMore(cursor)} disabled={!cursor} version={photos.length} />

      {viewing !== null && (
        <Viewer
          assets={photos}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
          canEdit={() => true}
          onChanged={(a) => setPhotos((xs) => xs.map((x) => (x.id === a.id ? a : x)))}
        />
      )}
      {dialog === 'rename' && (
        <NamePersonDialog
          person={p}
          onClose={() => setDialog(null)}
          onNamed={(next) => {
            person.setData(next);
            setDialog(null);
          }}
          onMerged={(into) => {
            setDialog(null);
            toast({ tone: 'success', message: `Merged into ${into.displayName ?? 'that person'}` });
            navigate(`/people/${encodeURIComponent(into.id)}`);
          }}
        />
      )}
      {dialog === 'merge' && (
        <MergePeopleDialog
          target={p}
          onClose={() => setDialog(null)}
          onMerged={(merged) => {
            setDialog(null);
            person.setData(merged);
            faces.reload();
            void loadMore(undefined);
            toast({ tone: 'success', message: `Merged into ${merged.displayName ?? 'this person'}` });
          }}
        />
      )}
    </div>
  );
}
