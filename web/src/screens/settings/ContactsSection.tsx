/**
 * Settings › "Contacts": CardDAV address books (Nextcloud, Radicale, iCloud or Fastmail with an app
 * password, …). Connect one (URL, user name, password), see when it last synced and what changed,
 * "Sync now", disconnect; contacts changed both in Kith and on the server are listed with both values
 * and a choice (`CarddavConflicts`).
 */
import { useState, type FormEvent } from 'react';
import { BookUser, RefreshCw, Trash2 } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { carddavApi, type CarddavBook } from '../../api/carddav';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';
import { CarddavConflicts } from './CarddavConflicts';

const summary = (b: CarddavBook) => {
  if (!b.lastSyncAt) return 'Waiting for its first sync…';
  if (b.lastStatus === 'error') return `Last sync failed ${formatDateTime(b.lastSyncAt)}: ${b.lastError ?? ''}`;
  const c = b.lastCounts;
  const parts = c
    ? [
        `${c.added} added`,
        `${c.changed} changed`,
        `${c.deleted} deleted`,
        ...(c.conflicts ? [`${c.conflicts} changed on both sides`] : []),
        ...(c.skipped ? [`${c.skipped} skipped`] : []),
      ]
    : [];
  return `Synced ${formatDateTime(b.lastSyncAt)} · ${b.cards} cards${parts.length ? ` · last time ${parts.join(', ')}` : ''}`;
};

export function ContactsSection() {
  const books = useAsync(() => carddavApi.books(), []);
  const [form, setForm] = useState({ url: '', username: '', password: '' });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conflictsKey, setConflictsKey] = useState(0);
  const confirm = useConfirm();
  const toast = useToast();

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy('connect');
    try {
      await carddavApi.connect({ url: form.url.trim(), username: form.username.trim(), password: form.password });
      setForm({ url: '', username: '', password: '' });
      books.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const syncNow = async (id: string) => {
    setBusy(id);
    try {
      const { counts } = await carddavApi.sync(id);
      toast({
        message: `Synced: ${counts.added} added, ${counts.changed} changed, ${counts.deleted} deleted${counts.conflicts ? `, ${counts.conflicts} to check` : ''}.`,
      });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setBusy(null);
      books.reload();
      setConflictsKey((k) => k + 1);
    }
  };
  const remove = async (b: CarddavBook) => {
    const ok = await confirm({
      title: `Disconnect “${b.displayName ?? b.url}”?`,
      body: 'Kith stops syncing it. The contacts it brought stay in Kith.',
      confirmLabel: 'Disconnect',
      danger: true,
    });
    if (!ok) return;
    try {
      await carddavApi.remove(b.id);
      books.reload();
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  return (
    <section className="card settings-card" data-testid="settings-contacts">
      <h2>Contacts</h2>
      <p className="muted">
        Keep your contacts in step with the address book on your CardDAV server (Nextcloud, Radicale, Fastmail, iCloud with an app
        password). Kith syncs it regularly; changes made in Kith are kept and, when the card changed too, you choose.
      </p>
      {books.error && <p className="form-error">{books.error}</p>}
      {(books.data?.length ?? 0) > 0 && (
        <ul className="token-list" data-testid="carddav-books">
          {books.data!.map((b) => (
            <li key={b.id} className="token-row" style={{ flexWrap: 'wrap' }} data-testid="carddav-book">
              <BookUser size={18} className="text-muted" style={{ flexShrink: 0 }} />
              <span className="grow" style={{ minWidth: 0, flexBasis: '14rem', overflowWrap: 'anywhere' }}>
                <strong>{b.displayName ?? 'Address book'}</strong> <span className="muted small">{b.username}</span>
                <span className="muted small block">{b.url}</span>
                <span className={`small block ${b.lastStatus === 'error' ? 'form-error' : 'muted'}`} data-testid="carddav-book-status">
                  {summary(b)}
                </span>
              </span>
              <button
                className="button button-small"
                disabled={busy === b.id}
                onClick={() => void syncNow(b.id)}
                data-testid="carddav-sync"
              >
                <RefreshCw size={14} /> {busy === b.id ? 'Syncing…' : 'Sync now'}
              </button>
              <button className="button button-small button-danger-ghost" onClick={() => void remove(b)} aria-label="Disconnect">
                <Trash2 size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <CarddavConflicts key={conflictsKey} />
      <form className="stack gap-8" onSubmit={(e) => void connect(e)} data-testid="carddav-form">
        <input
          className="input"
          type="url"
          required
          placeholder="Address book URL (https://…)"
          value={form.url}
          onChange={(e) => setForm({ ...form, url: e.target.value })}
          aria-label="Address book URL"
          data-testid="carddav-url"
        />
        <span className="muted small" style={{ overflowWrap: 'anywhere' }}>
          The address book’s own URL (Nextcloud: https://cloud.example/remote.php/dav/addressbooks/users/me/contacts/), or the server’s:
          Kith then finds your first address book.
        </span>
        <div className="row gap-8 wrap">
          <input
            className="input grow"
            required
            placeholder="User name"
            autoComplete="off"
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
            aria-label="User name"
            data-testid="carddav-username"
          />
          <input
            className="input grow"
            type="password"
            required
            placeholder="Password or app password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            aria-label="Password or app password"
            data-testid="carddav-password"
          />
        </div>
        <div>
          <button className="button button-primary" disabled={busy === 'connect'} data-testid="carddav-connect">
            <BookUser size={16} /> {busy === 'connect' ? 'Connecting…' : 'Connect address book'}
          </button>
        </div>
      </form>
      {error && (
        <p className="form-error" data-testid="carddav-error">
          {error}
        </p>
      )}
    </section>
  );
}
