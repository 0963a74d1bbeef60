/**
 * Association status and upload (seed claims 2–4): my name and number plus my address book, from
 * a vCard file or from my Kith contacts. The server keeps only keyed hashes of the numbers.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link2 } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { contactsApi } from '../../api/contacts';
import { nowPlayingApi } from '../../api/now-playing';
import type { NowPlayingAssociation } from '../../api/types';
import { TextField } from '../../components/TextField';
import type { AsyncState } from '../../lib/use-async';
import { useSession } from '../../state/session';
import { useToast } from '../../state/toasts';

const names = (people: Array<{ displayName: string; username: string }>) => people.map((p) => p.displayName || p.username).join(', ');

export function AssociationCard({
  state,
  onChanged,
}: {
  state: AsyncState<NowPlayingAssociation>;
  onChanged: (r: NowPlayingAssociation) => void;
}) {
  const { account } = useSession();
  const [name, setName] = useState(account?.displayName ?? '');
  const [phone, setPhone] = useState(account?.phone ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const toast = useToast();
  const r = state.data;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const picked = file.current?.files?.[0];
      const book = picked
        ? { vcard: await picked.text() }
        : { contacts: (await contactsApi.listAll()).map((c) => ({ name: c.name, phones: c.phones })) };
      const report = await nowPlayingApi.associate({ self: { name, phone }, ...book });
      onChanged(report);
      toast({ message: `Linked: ${report.reaches_me.length} friends reach you, you reach ${report.i_reach.length}` });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card now-playing-side-card" data-testid="now-playing-association">
      <h2>
        <Link2 size={16} /> Address-book link
      </h2>
      {r && (
        <dl className="now-playing-facts" data-testid="now-playing-association-status">
          <div>
            <dt>My number</dt>
            <dd>{!r.self.phone_registered ? 'not linked yet' : r.self.phone_verified ? 'linked, verified' : 'claimed, not verified'}</dd>
          </div>
          <div>
            <dt>Numbers in my book</dt>
            <dd>
              {r.book.numbers} · {r.book.on_kith} on Kith
            </dd>
          </div>
          <div>
            <dt>I see</dt>
            <dd data-testid="now-playing-reaches-me">{r.reaches_me.length ? names(r.reaches_me) : '—'}</dd>
          </div>
          <div>
            <dt>See me</dt>
            <dd data-testid="now-playing-i-reach">{r.i_reach.length ? names(r.i_reach) : '—'}</dd>
          </div>
        </dl>
      )}
      <p className="muted now-playing-note">
        Your plays reach people whose address book holds your number, once Kith knows the number is yours. Numbers are stored only as keyed
        hashes; the book itself is never kept.
      </p>
      <form className="now-playing-form" onSubmit={(e) => void submit(e)}>
        <TextField label="My name" value={name} onChange={(e) => setName(e.target.value)} required data-testid="now-playing-self-name" />
        <TextField
          label="My number"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          required
          placeholder="+49 151 …"
          data-testid="now-playing-self-phone"
        />
        <label className="field">
          <span className="field-label">Address book (.vcf)</span>
          <input ref={file} type="file" accept=".vcf,text/vcard,text/x-vcard" data-testid="now-playing-book-file" />
          <span className="field-hint">Leave empty to use your Kith contacts.</span>
        </label>
        {error && (
          <p className="form-error" data-testid="now-playing-association-error">
            {error}
          </p>
        )}
        <button className="button button-primary" disabled={busy} data-testid="now-playing-associate">
          {busy ? 'Linking…' : r?.self.phone_registered ? 'Upload again' : 'Link me'}
        </button>
      </form>
    </section>
  );
}
