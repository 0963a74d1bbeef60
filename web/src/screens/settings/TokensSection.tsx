/** Personal API tokens for the terminal client and scripts: create with a scope (secret shown once), list with scopes, revoke. */
import { useState, type FormEvent } from 'react';
import { Check, Copy, KeyRound, Trash2 } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { meApi } from '../../api/me';
import type { ApiTokenScope } from '../../api/types';
import { ChoiceCards } from '../../components/ChoiceCards';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';
import { SCOPE_CHOICES, SCOPE_LABEL } from './token-scopes';

export function TokensSection() {
  const tokens = useAsync(() => meApi.listTokens(), []);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = useConfirm();
  const toast = useToast();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await meApi.createToken(name.trim(), scope);
      setSecret({ name: r.info.name, token: r.token });
      setCopied(false);
      setName('');
      tokens.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.token);
      setCopied(true);
    } catch {
      toast({ tone: 'error', message: 'Copy failed; select the token and copy it by hand.' });
    }
  };
  const revoke = async (id: string, tokenName: string) => {
    if (
      !(await confirm({
        title: `Revoke “${tokenName}”?`,
        body: 'Anything using this token stops working at once.',
        confirmLabel: 'Revoke',
        danger: true,
      }))
    )
      return;
    try {
      await meApi.revokeToken(id);
      tokens.setData((xs) => xs?.filter((t) => t.id !== id));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  return (
    <section className="card settings-card" data-testid="settings-tokens">
      <h2>API tokens</h2>
      <p className="muted">
        For the terminal client (<code>kith</code>) and scripts. Send one as <code>Authorization: Bearer &lt;token&gt;</code>. Give each
        token only what it needs: if it leaks, that is all it can do.
      </p>
      <span className="field-label">What may the new token do?</span>
      <ChoiceCards
        choices={SCOPE_CHOICES}
        value={scope}
        onChange={setScope}
        name="token-scope"
        label="What the new token may do"
        testId="token-scope"
        valueAttr="data-scope"
      />
      <form className="row gap-8" onSubmit={(e) => void create(e)}>
        <input
          className="input grow"
          placeholder="Token name, e.g. laptop"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          data-testid="token-name"
        />
        <button className="button button-primary" disabled={!name.trim()} data-testid="token-create">
          <KeyRound size={16} /> Create token
        </button>
      </form>
      {error && <p className="form-error">{error}</p>}
      {secret && (
        <div className="secret-box" data-testid="token-secret-box">
          <p>
            <strong>Copy the token “{secret.name}” now.</strong> It will not be shown again.
          </p>
          <div className="row gap-8">
            <code className="secret" data-testid="token-secret">
              {secret.token}
            </code>
            <button className="button" onClick={() => void copy()} data-testid="token-copy">
              {copied ? <Check size={16} /> : <Copy size={16} />} {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      )}
      {tokens.error && <p className="form-error">{tokens.error}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <ul className="token-list" data-testid="token-list">
          {tokens.data.map((t) => (
            <li key={t.id} className="token-row" data-testid="token-row">
              <KeyRound size={18} className="text-muted" />
              <span className="grow">
                <strong>{t.name}</strong>{' '}
                <span className={`badge ${t.scope === 'full' ? 'badge-primary' : 'badge-soft'}`} data-testid="token-scope-badge">
                  {SCOPE_LABEL[t.scope]}
                </span>{' '}
                <code className="muted">{t.prefix}…</code>
                <span className="muted small block">
                  Created {formatDateTime(t.createdAt)} · {t.lastUsedAt ? `last used ${formatDateTime(t.lastUsedAt)}` : 'never used'}
                </span>
              </span>
              <button
                className="button button-small button-danger-ghost"
                data-testid="token-revoke"
                onClick={() => void revoke(t.id, t.name)}
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
