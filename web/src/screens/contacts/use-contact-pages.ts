/** The Contacts screen's list: pages of `GET /api/contacts` for a search (and a group), loaded as the user scrolls. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { contactsApi } from '../../api/contacts';
import type { Contact } from '../../api/types';

/** Typing pauses this long (ms) before the search goes to the server. */
const SEARCH_DELAY_MS = 250;

/**
 * Loads the first page for `query` (the server filters and sorts by name), then the next one on
 * `loadMore`. Answers to an older search are dropped, so fast typing never shows stale rows.
 */
export function useContactPages(query: string, group: string | null = null) {
  const [contacts, setContacts] = useState<Contact[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<{ total: number; linked: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);

  const load = useCallback(
    async (from: string | null) => {
      const mine = from ? seq.current : ++seq.current;
      setLoading(true);
      setError(null);
      try {
        const page = await contactsApi.list({ cursor: from ?? undefined, q: query.trim() || undefined, group: group ?? undefined });
        if (mine !== seq.current) return;
        setContacts((xs) => (from ? [...(xs ?? []), ...page.contacts] : page.contacts));
        setCursor(page.nextCursor);
        setCounts({ total: page.total, linked: page.linked });
      } catch (err) {
        if (mine === seq.current) setError(errorMessage(err));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [query, group],
  );

  useEffect(() => {
    const timer = setTimeout(() => void load(null), query ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [load, query]);

  return {
    contacts,
    counts,
    error,
    loading,
    hasMore: cursor !== null,
    reload: () => void load(null),
    loadMore: () => {
      if (cursor && !loading) void load(cursor);
    },
    /** Drops a deleted contact from the rows on screen and from the counts. */
    forget: (c: Contact) => {
      setContacts((xs) => xs?.filter((x) => x.id !== c.id));
      setCounts((n) => n && { total: n.total - 1, linked: n.linked - (c.linkedAccount ? 1 : 0) });
    },
  };
}
