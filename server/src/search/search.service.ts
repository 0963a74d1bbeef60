import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import { decodeCursor, encodeCursor } from '../common/timeline-cursor.js';
import type { AssetDto } from '../assets/assets.mapper.js';
import type { AssetRow } from '../assets/assets.repository.js';
import { foldName, type PlaceIndex } from '../events/place-names.js';
import { parseDatePhrase } from './search-dates.js';
import type { SearchFilter, SearchRepository } from './search.repository.js';

/** Longest query accepted, in characters (after trimming). */
export const MAX_QUERY_CHARS = 200;
/** Longest phrase tried as one person, place or date, in words ("rio de janeiro", "12 june 2026"). */
const MAX_PHRASE_WORDS = 4;
/** How far around a named place a photo counts as taken there, km (the radius event names use). */
export const PLACE_RADIUS_KM = 25;

/** How one part of the query was understood, for the screen to show ("Person: Carol · Place: Lisbon"). */
export type SearchTerm =
  | { kind: 'person'; text: string; label: string; personIds: string[] }
  | { kind: 'place'; text: string; label: string }
  | { kind: 'date'; text: string; label: string; from: string; to: string }
  | { kind: 'text'; text: string; label: string };

export interface SearchPage {
  terms: SearchTerm[];
  items: AssetDto[];
  nextCursor: string | null;
}

export interface SearchServiceDeps {
  repo: SearchRepository;
  /** Maps asset rows to the API's asset shape (the assets service's `toDtos`). */
  toDtos: (rows: AssetRow[]) => Promise<AssetDto[]>;
  /** The offline GeoNames index (events/place-names.ts), loaded on the first search that needs it. */
  places: () => Promise<PlaceIndex>;
  /** The clock for "last summer" and "this year", ms since epoch; default Date.now. */
  now?: () => number;
}

/**
 * Search over the photos a person sees (docs/features/search.md): the query is split into terms,
 * each read as a person (their People names), a place (GeoNames names around which they have
 * photos), a date phrase, else a word of file names, captions, album and event titles. Every term
 * must match, so "Carol Lisbon" finds photos of Carol taken in Lisbon.
 */
export function createSearchService(deps: SearchServiceDeps) {
  const { repo } = deps;
  const now = deps.now ?? Date.now;

  /** Reads the query into terms (longest phrase first at each position) and the filters they give. */
  async function understand(principal: Principal, words: string[]): Promise<Array<{ term: SearchTerm; filters: SearchFilter[] }>> {
    const people = (await repo.namedPeople(principal.accountId)).map((p) => ({ ...p, folded: foldName(p.name) }));
    const out: Array<{ term: SearchTerm; filters: SearchFilter[] }> = [];
    let i = 0;
    while (i < words.length) {
      let found = false;
      for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1 && !found; n--) {
        const text = words.slice(i, i + n).join(' ');
        const folded = foldName(text);
        // A person by full name, or by the first word(s) of it ("Carol" finds "Carol Smith").
        const who = people.filter((p) => p.folded === folded || p.folded.startsWith(`${folded} `));
        if (who.length) {
          const label = who.length === 1 ? who[0].name : text;
          out.push({
            term: { kind: 'person', text, label, personIds: who.map((p) => p.id) },
            filters: [{ kind: 'person', personIds: who.map((p) => p.id) }],
          });
          found = true;
          break;
        }
        const date = parseDatePhrase(folded, now());
        if (date) {
          out.push({
            term: { kind: 'date', text, label: date.label, from: new Date(date.from).toISOString(), to: new Date(date.to).toISOString() },
            filters: [{ kind: 'date', from: date.from, to: date.to }],
          });
          found = true;
          break;
        }
        if (!/\p{L}/u.test(folded)) continue;
        const named = (await deps.places()).placesNamed(folded);
        if (named.length) {
          const filter: SearchFilter = {
            kind: 'place',
            centres: named,
            names: [...new Set(named.map((p) => p.name))],
            radiusKm: PLACE_RADIUS_KM,
          };
          // A place only when the person has photos there: "Reading" with none near Reading is a word.
          if (await repo.any(principal.accountId, filter)) {
            out.push({ term: { kind: 'place', text, label: named[0].name }, filters: [filter] });
            found = true;
            break;
          }
        }
      }
      if (found) {
        i += out[out.length - 1].term.text.split(' ').length;
        continue;
      }
      // A word: each run of letters and digits must start a word of a file name, caption, album or event title.
      const text = words[i];
      const pieces = text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
      if (pieces.length) out.push({ term: { kind: 'text', text, label: text }, filters: pieces.map((word) => ({ kind: 'text', word })) });
      i += 1;
    }
    return out;
  }

  return {
    /**
     * One page of the photos matching every term of `query`, newest capture first, with how each term was read.
     * @param limit page size (1–500); `cursor` the previous page's `nextCursor`.
     * @throws 400 `empty_query` when the query holds no letter or digit; 400 `query_too_long` beyond
     *   {@link MAX_QUERY_CHARS} characters; 400 `invalid_cursor`.
     */
    async search(principal: Principal, query: string, limit: number, cursor?: string): Promise<SearchPage> {
      const q = query.trim();
      if (q.length > MAX_QUERY_CHARS)
        throw errors.badRequest('query_too_long', `Search for at most ${MAX_QUERY_CHARS} characters; this query has ${q.length}.`, {
          limit: MAX_QUERY_CHARS,
        });
      if (!/[\p{L}\p{N}]/u.test(q)) throw errors.badRequest('empty_query', 'Type a name, a place, a date or a word to search for.');
      const after = cursor ? decodeCursor(cursor) : undefined;
      const understood = await understand(principal, q.split(/\s+/));
      const rows = await repo.search(
        principal.accountId,
        understood.flatMap((u) => u.filters),
        limit + 1,
        after,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        terms: understood.map((u) => u.term),
        items: await deps.toDtos(page),
        nextCursor: rows.length > limit && last ? encodeCursor(last.captured_at, last.id) : null,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
