/**
 * Search results (/search?q=…): the query in a field, how Kith read it ("Person: Carol · Place:
 * Lisbon"), then the matching photos, newest first, paged and opening in the viewer as the library does.
 */
import { useCallback, useEffect, useState } from 'react';
import { SearchX } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { searchApi, type SearchTerm } from '../../api/search';
import type { Asset } from '../../api/types';
import { AssetGrid } from '../../components/AssetGrid';
import { InfiniteSentinel } from '../../components/InfiniteSentinel';
import { EmptyState, ErrorNote, Spinner } from '../../components/PageHeader';
import { SearchField } from '../../components/SearchField';
import { Viewer } from '../../components/Viewer';
import { useSearch } from '../../lib/use-search';
import { useSession } from '../../state/session';

const KIND_LABEL: Record<SearchTerm['kind'], string> = { person: 'Person', place: 'Place', date: 'Date', text: 'Word' };

export function SearchScreen() {
  const q = new URLSearchParams(useSearch()).get('q')?.trim() ?? '';
  const { account } = useSession();
  const [items, setItems] = useState<Asset[]>([]);
  const [terms, setTerms] = useState<SearchTerm[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);

  const load = useCallback(
    async (from: string | null) => {
      if (!q) return;
      setLoading(true);
      try {
        const page = await searchApi.search(q, from);
        setItems((xs) => (from ? [...xs, ...page.items] : page.items));
        setTerms(page.terms);
        setCursor(page.nextCursor);
        setError(null);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [q],
  );
  useEffect(() => {
    setItems([]);
    setTerms([]);
    setCursor(null);
    setViewing(null);
    void load(null);
  }, [load]);

  return (
    <div className="screen" data-testid="search-screen">
      <header className="page-header search-header">
        <div className="page-header-text">
          <h1 className="page-title">{q ? `Search: ${q}` : 'Search'}</h1>
          {terms.length > 0 && (
            <ul className="search-terms" aria-label="How your search was read" data-testid="search-terms">
              {terms.map((t, i) => (
                <li key={i} className={`search-term search-term-${t.kind}`} data-testid="search-term" data-kind={t.kind}>
                  <span className="search-term-kind">{KIND_LABEL[t.kind]}:</span> {t.label}
                </li>
              ))}
            </ul>
          )}
        </div>
      </header>
      <SearchField initial={q} testId="search-page" autoFocus={!q} className="search-page-field" />
      {error && <ErrorNote message={error} onRetry={() => void load(null)} />}
      {!q && (
        <p className="muted search-help" data-testid="search-help">
          Search by a person’s name, a place, a date (“June 2026”, “2026”, “last summer”) or words of file names, captions, album and event
          titles. Combine them: “Carol Lisbon” finds photos of Carol taken in Lisbon.
        </p>
      )}
      {q && !loading && !error && items.length === 0 && (
        <EmptyState icon={<SearchX size={40} strokeWidth={1.5} />} title="No photos found" testId="search-empty">
          <p>Nothing matches every term. Try fewer words, or another spelling of the name or place.</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <p className="muted search-count" role="status" data-testid="search-count">
          {cursor ? `More than ${items.length} photos` : items.length === 1 ? '1 photo' : `${items.length} photos`}
        </p>
      )}
      <AssetGrid assets={items} onOpen={setViewing} />
      {loading && <Spinner label="Searching…" />}
      <InfiniteSentinel onVisible={() => !loading && void load(cursor)} disabled={!cursor} version={items.length} />
      {viewing !== null && (
        <Viewer
          assets={items}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
          canEdit={(a) => a.owner.id === account?.id}
          onChanged={(a) => setItems((xs) => xs.map((x) => (x.id === a.id ? a : x)))}
        />
      )}
    </div>
  );
}
