/**
 * Share an album I own: people (an account by username, or a contact through its verified account; viewer or
 * contributor, changeable and removable) and public links (optional password and expiry, download and upload
 * switches, copy, revoke). A contact matched only by an unverified address asks for explicit confirmation first.
 */
import { useState, type FormEvent } from 'react';
import { UserPlus } from 'lucide-react';
import { albumSharingApi, isCode, type AlbumMemberRole } from '../../api/album-sharing';
import { ApiError, errorMessage } from '../../api/client';
import { contactsApi } from '../../api/contacts';
import type { AlbumDetail } from '../../api/types';
import { Modal } from '../../components/Modal';
import { useAsync } from '../../lib/use-async';
import { AlbumLinksPanel } from './AlbumLinksPanel';

interface Pending {
  who: { contactId: string };
  role: AlbumMemberRole;
  message: string;
}

export function ShareAlbumDialog({ album, onClose, onChanged }: { album: AlbumDetail; onClose: () => void; onChanged: () => void }) {
  const contacts = useAsync(() => contactsApi.list({ limit: 500 }), []);
  const [who, setWho] = useState('');
  const [contactId, setContactId] = useState('');
  const [role, setRole] = useState<AlbumMemberRole>('viewer');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const others = album.members.filter((m) => m.role !== 'owner');

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged();
      return true;
    } catch (err) {
      if (isCode(err, 'confirmation_required') && err instanceof ApiError && contactId)
        setPending({ who: { contactId }, role, message: err.message });
      else setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const invite = async (e: FormEvent) => {
    e.preventDefault();
    const target = contactId ? { contactId } : { username: who.trim().replace(/^@/, '') };
    if (await run(() => albumSharingApi.invite(album.id, target, role))) {
      setWho('');
      setContactId('');
    }
  };

  return (
    <Modal title={`Share “${album.name}”`} onClose={onClose} size="large" testId="share-dialog">
      <section className="share-section">
        <h3>People</h3>
        <form className="share-row" onSubmit={(e) => void invite(e)}>
          <select
            className="input grow"
            value={contactId}
            aria-label="A contact, or a username"
            onChange={(e) => setContactId(e.target.value)}
            data-testid="share-invite-contact"
          >
            <option value="">By username…</option>
            {contacts.data?.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.linkedAccount ? ` (@${c.linkedAccount.username})` : ' (no verified account)'}
              </option>
            ))}
          </select>
          {!contactId && (
            <input
              className="input grow"
              value={who}
              placeholder="Username"
              aria-label="Username"
              autoCapitalize="none"
              onChange={(e) => setWho(e.target.value)}
              data-testid="share-invite-who"
            />
          )}
          <select
            className="input"
            value={role}
            onChange={(e) => setRole(e.target.value as AlbumMemberRole)}
            aria-label="Role"
            data-testid="share-invite-role"
          >
            <option value="viewer">Can view</option>
            <option value="contributor">Can add photos</option>
          </select>
          <button className="button button-primary" disabled={busy || (!contactId && !who.trim())} data-testid="share-invite-submit">
            <UserPlus size={16} /> Invite
          </button>
        </form>
        {pending && (
          <div className="card share-confirm" role="alert">
            <p>{pending.message}</p>
            <div className="share-row">
              <button
                className="button button-primary"
                data-testid="share-confirm-invite"
                onClick={() =>
                  void run(() => albumSharingApi.invite(album.id, pending.who, pending.role, true)).then((ok) => ok && setPending(null))
                }
              >
                Yes, invite them
              </button>
              <button className="button" onClick={() => setPending(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="share-invite-error">
            {error}
          </p>
        )}
        {others.length > 0 && (
          <ul className="share-list">
            {others.map((m) => (
              <li key={m.id} className="share-item" data-testid="share-member" data-account-id={m.id}>
                <span className="grow">
                  {m.displayName} <span className="muted">@{m.username}</span>
                </span>
                <select
                  className="input"
                  value={m.role}
                  aria-label={`Role of ${m.displayName}`}
                  onChange={(e) => void run(() => albumSharingApi.setRole(album.id, m.id, e.target.value as AlbumMemberRole))}
                  data-testid="share-member-role"
                >
                  <option value="viewer">Can view</option>
                  <option value="contributor">Can add photos</option>
                </select>
                <button
                  className="button button-danger-ghost"
                  onClick={() => void run(() => albumSharingApi.removeMember(album.id, m.id))}
                  data-testid="share-member-remove"
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AlbumLinksPanel albumId={album.id} />
    </Modal>
  );
}
