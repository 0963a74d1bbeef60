/** What "Who is this?" offers as the owner types (web/src/screens/people/name-options.ts). */
import { describe, expect, it } from 'vitest';
import type { Contact, FacePerson } from '../src/api/types';
import { foldName, nameMatches, nameOptions } from '../src/screens/people/name-options';

const person = (id: string, displayName: string | null, extra: Partial<FacePerson> = {}) =>
  ({ id, displayName, name: displayName, isMe: false, contact: null, photoCount: 3, ...extra }) as FacePerson;
const contact = (id: string, name: string) => ({ id, name }) as Contact;
const me = { accountId: 'me-1', displayName: 'Erin Park' };
const kinds = (query: string, people: FacePerson[] = [], contacts: Contact[] = []) =>
  nameOptions({ query, me, people, contacts, selfId: 'self' }).map((o) => `${o.kind}:${o.label}`);

describe('name matching', () => {
  it('folds case and accents, and matches word starts in any order', () => {
    expect(foldName(' José ')).toBe('jose');
    expect(nameMatches('Carol Lindqvist', 'car lin')).toBe(true);
    expect(nameMatches('Carol Lindqvist', 'lind')).toBe(true);
    expect(nameMatches('Carol Lindqvist', 'arol')).toBe(false);
    expect(nameMatches('Zoë Ní Bhriain', 'zoe ni')).toBe(true);
    expect(nameMatches('Anyone', '')).toBe(true);
  });
});

describe('nameOptions', () => {
  it('offers the person already called Carol before a new "Carol"', () => {
    const carol = person('p1', 'Carol Lindqvist');
    expect(kinds('Carol', [carol, person('self', null)])).toEqual(['person:Carol Lindqvist', 'new:Carol']);
  });

  it('offers me, contacts and the typed name, and no new name when one already exists', () => {
    expect(kinds('', [], [contact('c1', 'Bob Stone')])).toEqual(['me:Erin Park', 'contact:Bob Stone']);
    expect(kinds('me')).toEqual(['me:Erin Park', 'new:me']);
    expect(kinds('bob stone', [], [contact('c1', 'Bob Stone')])).toEqual(['contact:Bob Stone']);
    expect(kinds('Dana', [], [contact('c1', 'Bob Stone')])).toEqual(['new:Dana']);
  });

  it('never offers the person to itself, nor a contact already shown through its person, nor me twice', () => {
    const linked = person('p2', 'Bob Stone', { contact: { id: 'c1', name: 'Bob Stone' } });
    const mine = person('p3', 'Erin Park', { isMe: true });
    expect(kinds('bob', [linked, person('self', 'Bob S')], [contact('c1', 'Bob Stone')])).toEqual(['person:Bob Stone', 'new:bob']);
    expect(kinds('erin', [mine])).toEqual(['person:Erin Park', 'new:erin']);
  });
});
