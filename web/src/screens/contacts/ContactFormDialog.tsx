/**
 * Add or edit a contact. Phones and e-mails take several values separated by commas;
 * the server normalises phones to E.164 and says so when one cannot be read.
 */
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError, fieldErrors } from '../../api/client';
import type { Contact, NewContact } from '../../api/types';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';

const split = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

interface Props {
  contact?: Contact;
  onClose: () => void;
  onSave: (input: NewContact) => Promise<void>;
}

/** The request fields this form has an input for. */
const FIELDS = ['name', 'phones', 'emails', 'kithAddress', 'albumUrl'];

export function ContactFormDialog({ contact, onClose, onSave }: Props) {
  const [name, setName] = useState(contact?.name ?? '');
  const [phones, setPhones] = useState(contact?.phones.join(', ') ?? '');
  const [emails, setEmails] = useState(contact?.emails.join(', ') ?? '');
  const [kithAddress, setKithAddress] = useState(contact?.kithAddress ?? '');
  const [albumUrl, setAlbumUrl] = useState(contact?.albumUrl ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The server's validation messages, shown at their fields.
  const [fields, setFields] = useState<Record<string, string>>({});
  const at = (name: string) => fieldError(fields, name);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await onSave({
        name: name.trim(),
        phones: split(phones),
        emails: split(emails),
        // null clears the field when editing
        kithAddress: kithAddress.trim() || null,
        albumUrl: albumUrl.trim() || null,
      });
    } catch (err) {
      const byField = fieldErrors(err);
      const known = Object.keys(byField).every((k) => FIELDS.some((f) => k === f || k.startsWith(`${f}.`)));
      setFields(byField);
      if (!known || Object.keys(byField).length === 0) setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal title={contact ? `Edit ${contact.name}` : 'Add a contact'} onClose={onClose} testId="contact-form-dialog">
      <form className="stack gap-16" onSubmit={(e) => void submit(e)}>
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
          autoFocus
          error={at('name')}
          data-testid="contact-form-name"
        />
        <TextField
          label="Phone numbers"
          hint="Separate several with commas. Use the international format when you can."
          value={phones}
          onChange={(e) => setPhones(e.target.value)}
          placeholder="+33 6 12 34 56 78, +1 415 555 0100"
          error={at('phones')}
          data-testid="contact-form-phones"
        />
        <TextField
          label="E-mail addresses"
          value={emails}
          onChange={(e) => setEmails(e.target.value)}
          placeholder="alice@example.com"
          error={at('emails')}
          data-testid="contact-form-emails"
        />
        <TextField
          label="Kith address"
          hint="Links this contact to their Kith account, here or on another server."
          value={kithAddress}
          onChange={(e) => setKithAddress(e.target.value)}
          placeholder="alice@kith.example.org"
          error={at('kithAddress')}
          data-testid="contact-form-kith-address"
        />
        <TextField
          label="Album URL"
          value={albumUrl}
          onChange={(e) => setAlbumUrl(e.target.value)}
          placeholder="https://…"
          error={at('albumUrl')}
          data-testid="contact-form-album-url"
        />
        {error && (
          <p className="form-error" data-testid="contact-form-error">
            {error}
          </p>
        )}
        <div className="row gap-8 justify-end">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button button-primary" disabled={busy || !name.trim()} data-testid="contact-save">
            {contact ? 'Save' : 'Add contact'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
