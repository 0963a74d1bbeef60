/**
 * What "Who is this?" offers as the owner types (Immich's and Google Photos' naming): the owner ("me"), their
 * people who already have a name (so "Carol" finds "Carol Lindqvist" instead of making a second Carol), their
 * contacts, and the typed text as a new name. Pure: the dialog gives it the lists.
 */
import type { Contact, FacePerson } from '../../api/types';

export type NameOption =
  | { kind: 'me'; accountId: string; label: string }
  | { kind: 'person'; person: FacePerson; label: string }
  | { kind: 'contact'; contact: Contact; label: string }
  | { kind: 'new'; name: string; label: string };

/** Lower case without diacritics, so "jose" finds "José". */
export const foldName = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Every typed word starts a word of the name ("car lin" → "Carol Lindqvist"); empty input matches all. */
export function nameMatches(name: string, query: string): boolean {
  const words = foldName(name).split(/[\s\-'’.]+/);
  return foldName(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)));
}

/**
 * The options, best first: an existing person whose name matches, then me, then contacts (a contact already
 * tied to one of the listed people is left out: choosing that person says the same), then the typed text as a
 * new name unless a person or contact already has exactly that name.
 */
export function nameOptions(input: {
  query: string;
  me: { accountId: string; displayName: string } | null;
  people: FacePerson[];
  contacts: Contact[];
  /** The person being named: never offered to itself. */
  selfId: string;
}): NameOption[] {
  const { query, me, people, contacts, selfId } = input;
  const typed = query.trim();
  const out: NameOption[] = [];
  const named = people.filter((p) => p.id !== selfId && p.displayName && nameMatches(p.displayName, typed)).slice(0, 5);
  for (const p of named) out.push({ kind: 'person', person: p, label: p.displayName! });
  if (me && !named.some((p) => p.isMe) && (!typed || nameMatches(me.displayName, typed) || foldName(typed) === 'me'))
    out.push({ kind: 'me', accountId: me.accountId, label: me.displayName });
  const taken = new Set(named.map((p) => p.contact?.id).filter(Boolean));
  for (const c of contacts.filter((c) => !taken.has(c.id) && nameMatches(c.name, typed)).slice(0, 5))
    out.push({ kind: 'contact', contact: c, label: c.name });
  const exact = out.some((o) => o.kind !== 'me' && foldName(o.label) === foldName(typed));
  if (typed && !exact) out.push({ kind: 'new', name: typed, label: typed });
  return out;
}
