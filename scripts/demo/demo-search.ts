import { ok, type DemoSession } from './demo-users.js';

/** One search as the demo prints it. */
export interface SearchLine {
  query: string;
  /** "Person: Carol Lindqvist · Place: New York City". */
  understood: string;
  files: string[];
}

const KIND = { person: 'Person', place: 'Place', date: 'Date', text: 'Word' } as const;

/** `GET /api/search?q=…` as the user: what matched and how the query was read. */
export async function search(s: DemoSession, query: string): Promise<SearchLine> {
  const page = ok('GET /api/search', await s.kith.GET('/api/search', { params: { query: { q: query, limit: 50 } } }));
  return {
    query,
    understood: page.terms.map((t) => `${KIND[t.kind]}: ${t.label}`).join(' · '),
    files: page.items.map((a) => a.originalName),
  };
}

/**
 * A person plus a place (docs/features/search.md): for each of the user's named People, the first
 * word of the name with `place` ("Carol New York City"), until one finds photos; with the person
 * alone and the place alone beside it, to show the two terms combining.
 * @returns null when none of the named People was photographed at `place`.
 */
export async function searchPersonAndPlace(
  s: DemoSession,
  place: string,
): Promise<{ both: SearchLine; person: SearchLine; place: SearchLine } | null> {
  const { people } = ok('GET /api/people', await s.kith.GET('/api/people'));
  for (const p of people) {
    if (!p.displayName || p.isMe) continue;
    const first = p.displayName.split(/\s+/)[0] ?? p.displayName;
    const both = await search(s, `${first} ${place}`);
    if (!both.files.length || !both.understood.startsWith('Person')) continue;
    return { both, person: await search(s, first), place: await search(s, place) };
  }
  return null;
}
