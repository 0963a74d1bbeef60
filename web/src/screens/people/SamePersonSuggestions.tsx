/**
 * "Same person?" on People: pairs of people whose faces are probably one person's (GET
 * /api/people/merge-suggestions: face centroids within the match threshold), each with "Yes, merge" and
 * "No" (remembered by the server). Shows nothing when there is nothing to ask.
 */
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { peopleApi, type MergeSuggestion } from '../../api/people';
import { PersonFace } from '../../components/PersonCard';
import { plural } from '../../lib/format';
import { useRealtimeRefresh } from '../../lib/realtime';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';

const nameOf = (p: MergeSuggestion['a']) => p.displayName ?? 'Unnamed person';

export function SamePersonSuggestions({ onMerged }: { onMerged: () => void }) {
  const suggestions = useAsync(() => peopleApi.mergeSuggestions(), []);
  const [busy, setBusy] = useState<string | null>(null);
  const toast = useToast();
  useRealtimeRefresh(['people.updated'], suggestions.reload, 800);

  const list = suggestions.data ?? [];
  if (list.length === 0) return null;

  const act = async (s: MergeSuggestion, merge: boolean) => {
    const key = `${s.a.id}:${s.b.id}`;
    setBusy(key);
    try {
      // The named (or bigger) one keeps its name and link; the other's faces move into it.
      const [into, from] = !s.a.displayName && s.b.displayName ? [s.b, s.a] : [s.a, s.b];
      if (merge) {
        const merged = await peopleApi.merge(into.id, [from.id]);
        toast({ tone: 'success', message: `Merged into ${merged.displayName ?? 'one person'}` });
        onMerged();
      } else {
        await peopleApi.dismissSuggestion(s.a.id, s.b.id);
        toast({ message: 'Kith will not ask about these two again' });
      }
      suggestions.setData(list.filter((x) => x !== s));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="same-person-title" data-testid="same-person">
      <h2 id="same-person-title" className="same-person-title">
        Same person?
      </h2>
      <ul className="same-person-list">
        {list.map((s) => (
          <li key={`${s.a.id}:${s.b.id}`} className="card same-person-card" data-testid="same-person-card">
            <div className="same-person-faces">
              <PersonFace person={s.a} size={72} />
              <PersonFace person={s.b} size={72} />
            </div>
            <p className="same-person-names">
              <strong>{nameOf(s.a)}</strong> ({plural(s.a.photoCount, 'photo')}) and <strong>{nameOf(s.b)}</strong> (
              {plural(s.b.photoCount, 'photo')})
            </p>
            <div className="row gap-8 justify-end wrap">
              <button className="button" data-testid="same-person-no" disabled={busy !== null} onClick={() => void act(s, false)}>
                No, different people
              </button>
              <button
                className="button button-primary"
                data-testid="same-person-yes"
                disabled={busy !== null}
                onClick={() => void act(s, true)}
              >
                Yes, merge
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
