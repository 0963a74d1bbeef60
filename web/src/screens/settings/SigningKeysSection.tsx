/**
 * Settings › "Signing keys for kith share": keys my Kith issues to my terminals, so inboxes open to
 * contacts only can verify that packets `kith share` sends really come from my address (RFC 9421).
 * Issue (the key file is offered once, as a download), list, revoke.
 */
import { useState, type FormEvent } from 'react';
import { Download, KeyRound, Trash2 } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { signingKeysApi, type IssuedSigningKey } from '../../api/inbox';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';

/** The issued key as the file `kith share --signing-key FILE` reads: the server's whole answer, as JSON. */
const keyFileUrl = (issued: IssuedSigningKey) =>
  URL.createObjectURL(new Blob([JSON.stringify(issued, null, 2)], { type: 'application/json' }));

export function SigningKeysSection() {
  const keys = useAsync(() => signingKeysApi.list(), []);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ key: IssuedSigningKey; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirm = useConfirm();
  const toast = useToast();

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const key = await signingKeysApi.issue(name.trim());
      if (issued) URL.revokeObjectURL(issued.url);
      setIssued({ key, url: keyFileUrl(key) });
      setName('');
      keys.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const revoke = async (id: string, keyName: string) => {
    const ok = await confirm({
      title: `Revoke “${keyName}”?`,
      body: 'Packets signed with it stop counting as yours (other servers notice within five minutes).',
      confirmLabel: 'Revoke',
      danger: true,
    });
    if (!ok) return;
    try {
      await signingKeysApi.revoke(id);
      keys.reload();
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };
  const terminalKeys = keys.data?.filter((k) => k.kind === 'cli' && !k.revokedAt) ?? [];

  return (
    <section className="card settings-card" data-testid="settings-signing-keys">
      <h2>Signing keys for kith share</h2>
      <p className="muted">
        Inboxes open to contacts only accept photos whose sender is proven. Photos your Kith sends are signed by it; for{' '}
        <code>kith share</code>, issue a key here and pass the file with <code>--signing-key</code> (or <code>KITH_SIGNING_KEY</code>).
      </p>
      <form className="row gap-8" onSubmit={(e) => void issue(e)}>
        <input
          className="input grow"
          placeholder="Key name, e.g. laptop"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          data-testid="signing-key-name"
        />
        <button className="button button-primary" disabled={!name.trim()} data-testid="signing-key-issue">
          <KeyRound size={16} /> Issue key
        </button>
      </form>
      {error && <p className="form-error">{error}</p>}
      {issued && (
        <div className="secret-box" data-testid="signing-key-issued">
          <p>
            <strong>Save the key file for “{issued.key.key.name}” now.</strong> Its private key is not shown again; it signs as{' '}
            <code>{issued.key.owner}</code>.
          </p>
          <a className="button" href={issued.url} download="kith-signing-key.json" data-testid="signing-key-download">
            <Download size={16} /> Download kith-signing-key.json
          </a>
        </div>
      )}
      {keys.error && <p className="form-error">{keys.error}</p>}
      {terminalKeys.length > 0 && (
        <ul className="token-list" data-testid="signing-key-list">
          {terminalKeys.map((k) => (
            <li key={k.id} className="token-row" data-testid="signing-key-row">
              <KeyRound size={18} className="text-muted" />
              <span className="grow">
                <strong>{k.name}</strong> <code className="muted">{k.alg}</code>
                <span className="muted small block">Issued {formatDateTime(k.createdAt)}</span>
              </span>
              <button
                className="button button-small button-danger-ghost"
                data-testid="signing-key-revoke"
                onClick={() => void revoke(k.id, k.name)}
              >
                <Trash2 size={14} /> Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
