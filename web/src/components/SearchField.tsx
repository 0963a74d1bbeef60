/**
 * The search box: a `role="search"` form whose submit opens /search?q=…. The sidebar shows one on
 * desktops; the search screen shows one at every size (phones reach it from the page header's
 * search button and the More sheet).
 */
import { Search } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { navigate } from '../lib/router';

export const searchHref = (q: string) => `/search?q=${encodeURIComponent(q.trim())}`;

export function SearchField({
  initial = '',
  testId,
  autoFocus = false,
  className = '',
}: {
  initial?: string;
  testId: string;
  autoFocus?: boolean;
  className?: string;
}) {
  const [value, setValue] = useState(initial);
  // Back/forward or another field changes the query: show it.
  useEffect(() => setValue(initial), [initial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) navigate(searchHref(value));
  };
  return (
    <form role="search" className={`search-field ${className}`} onSubmit={submit} data-testid={testId}>
      <Search size={18} aria-hidden />
      <input
        className="input"
        type="search"
        name="q"
        aria-label="Search photos"
        placeholder="People, places, dates…"
        maxLength={200}
        enterKeyHint="search"
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        data-testid={`${testId}-input`}
      />
    </form>
  );
}
