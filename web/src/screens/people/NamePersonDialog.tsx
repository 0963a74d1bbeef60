/**
 * "Who is this?" on a person's page: a combobox (WAI-ARIA APG combobox with a listbox popup) that offers, as
 * the owner types, a person who already has that name (merge into them instead of making a second one), the
 * owner ("me"), a contact (link, which is the owner's confirmation for automatic sending), or the typed text
 * as a new name. "Remove name" clears the name and the link. Options come from ./name-options.ts.
 */
import { useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { UserRound, Users, Contact as ContactIcon, Plus } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { contactsApi } from '../../api/contacts';
import { peopleApi } from '../../api/people';
import type { Contact, FacePerson } from '../../api/types';
import { Modal } from '../../components/Modal';
import { plural } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../state/session';
import { nameOptions, type NameOption } from './name-options';

interface Props {
  person: FacePerson;
  onClose: () => void;
  /** The person after naming or linking. */
  onNamed: (next: FacePerson) => void;
  /** This person was merged into `into`, which now holds its faces. */
  onMerged: (into: FacePerson) => void;
}

const ACTION: Record<NameOption['kind'], string> = {
  person: 'Same person: merge',
  me: 'This is me',
  contact: 'Link to contact',
  new: 'Save name',
};
const ICON = { person: Users, me: UserRound, contact: ContactIcon, new: Plus };

export function NamePersonDialog({ person, onClose, onNamed, onMerged }: Props) {
  const { account } = useSession();
  const [query, setQuery] = useState(person.name ?? person.displayName ?? '');
  const [contacts, setContacts] = useState<Contact[]>([]);
  // -1: nothing chosen yet. With the field empty nothing is preselected, so Enter cannot link a face to
  // "me" or a contact by accident: a link is the owner's confirmation for automatic sending.
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = useAsync(() => peopleApi.list(true), []);
  const listId = useId();

  // The address book is searched on the server (it may hold thousands of cards), a moment after typing stops,
  // by the first typed word; nameOptions then keeps the cards every typed word matches ("car lin").
  useEffect(() => {
    const q = query.trim().split(/\s+/)[0] ?? '';
    const timer = setTimeout(() => {
      contactsApi.list({ q, limit: 20 }).then(
        (page) => setContacts(page.contacts),
        () => setContacts([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);

  const options = useMemo(
    () =>
      nameOptions({
        query,
        me: account ? { accountId: account.id, displayName: account.displayName } : null,
        people: people.data ?? [],
        contacts,
        selfId: person.id,
      }),
    [query, account, people.data, contacts, person.id],
  );
  useEffect(() => setActive(query.trim() ? 0 : -1), [options.length, query]);
  const chosen = active < 0 ? undefined : options[Math.min(active, options.length - 1)];

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  const choose = (o: NameOption | undefined) =>
    o &&
    run(async () => {
      if (o.kind === 'person') return onMerged(await peopleApi.merge(o.person.id, [person.id]));
      if (o.kind === 'me') return onNamed(await peopleApi.update(person.id, { name: null, accountId: o.accountId }));
      if (o.kind === 'contact') return onNamed(await peopleApi.update(person.id, { name: null, contactId: o.contact.id }));
      onNamed(await peopleApi.update(person.id, { name: o.name }));
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void choose(chosen);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(options.length - 1, i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else return;
    e.preventDefault();
  };
  const optionId = (i: number) => `${listId}-${i}`;
  const named = !!(person.name || person.contact || person.account);

  return (
    <Modal title={named ? 'Change name' : 'Who is this?'} onClose={onClose} size="small" testId="person-rename-dialog">
      <form onSubmit={submit} className="stack gap-16">
        <label className="field">
          <span className="field-label">Name, a contact, or “me”</span>
          <input
            className="input"
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={chosen ? optionId(options.indexOf(chosen)) : undefined}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKey}
            autoFocus
            maxLength={200}
            data-testid="prompt-input"
          />
        </label>
        <ul className="name-options" id={listId} role="listbox" aria-label="Suggestions" data-testid="name-options">
          {options.map((o, i) => {
            const Icon = ICON[o.kind];
            return (
              <li
                key={`${o.kind}:${o.label}:${i}`}
                id={optionId(i)}
                role="option"
                aria-selected={o === chosen}
                className={`merge-option${o === chosen ? ' on' : ''}`}
                data-testid="name-option"
                data-kind={o.kind}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void choose(o)}
              >
                <Icon size={18} aria-hidden="true" />
                <span className="merge-option-text">
                  <strong>{o.kind === 'new' ? `“${o.label}”` : o.label}</strong>
                  <span className="muted small">
                    {o.kind === 'person' && `Already in People · ${plural(o.person.photoCount, 'photo')} · merge into them`}
                    {o.kind === 'me' && 'You'}
                    {o.kind === 'contact' && 'From your contacts · link'}
                    {o.kind === 'new' && 'New name'}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="row gap-8 justify-end wrap">
          {named && (
            <button
              type="button"
              className="button button-danger-ghost"
              data-testid="person-remove-name"
              disabled={busy}
              onClick={() =>
                void run(async () => onNamed(await peopleApi.update(person.id, { name: null, contactId: null, accountId: null })))
              }
            >
              Remove name
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button button-primary" disabled={busy || !chosen} data-testid="prompt-submit">
            {chosen ? ACTION[chosen.kind] : 'Save name'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
