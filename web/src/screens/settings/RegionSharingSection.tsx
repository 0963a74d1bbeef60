/**
 * Region sharing settings: the bookmarklet (share from any page), site keys for one's own
 * sites (anonymous visitors may share), and the linked targets (Mastodon, webhook).
 */
import { useState, type FormEvent } from 'react';
import { AtSign, Bookmark, Check, Copy, Globe, Trash2, Webhook } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { bookmarkletCode, embedSnippet, regionApi } from '../../api/region-shares';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';

export function RegionSharingSection() {
  const origin = window.location.origin;
  const keys = useAsync(() => regionApi.siteKeys(), []);
  const links = useAsync(() => regionApi.connectors(), []);
  const toast = useToast();
  const [keyName, setKeyName] = useState('');
  const [keyOrigins, setKeyOrigins] = useState('');
  const [mastodon, setMastodon] = useState({ instanceUrl: '', accessToken: '', visibility: 'public' });
  const [hookUrl, setHookUrl] = useState('');
  const [hookSecret, setHookSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const createKey = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await regionApi.createSiteKey(keyName.trim(), keyOrigins.split(/[\s,]+/).filter(Boolean), ['kith', 'pinterest']);
      setKeyName('');
      setKeyOrigins('');
      keys.reload();
    });
  };
  const linkMastodon = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await regionApi.linkMastodon(mastodon.instanceUrl.trim(), mastodon.accessToken.trim(), mastodon.visibility);
      setMastodon({ instanceUrl: '', accessToken: '', visibility: 'public' });
      links.reload();
      toast({ tone: 'success', message: 'Mastodon account linked.' });
    });
  };
  const setWebhook = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setHookSecret((await regionApi.setWebhook(hookUrl.trim())).secret);
      setHookUrl('');
      links.reload();
    });
  };

  return (
    <section className="card settings-card" data-testid="settings-region-sharing">
      <h2>Region sharing</h2>
      <p className="muted">
        Crop any image on any web page in place and share the part that matters: to a Kith album, Mastodon, a webhook or Pinterest.
      </p>

      <div className="row gap-8">
        <a
          className="button button-primary"
          data-testid="region-bookmarklet"
          // React refuses javascript: URLs in JSX; a bookmarklet is exactly that, so it is set directly.
          ref={(a) => a?.setAttribute('href', bookmarkletCode(origin))}
          onClick={(e) => e.preventDefault()}
        >
          <Bookmark size={16} /> Share a region
        </a>
        <span className="muted small">Drag this button to your bookmarks bar. On any page, click it, then hover an image.</span>
      </div>

      <h3 className="settings-subhead">
        <Globe size={16} /> Site keys
      </h3>
      <p className="muted small">Let visitors of your own site share regions into your Kith. A key works only on the origins you list.</p>
      <form className="row gap-8" onSubmit={createKey}>
        <input
          className="input"
          placeholder="Name, e.g. my blog"
          value={keyName}
          onChange={(e) => setKeyName(e.target.value)}
          data-testid="site-key-name"
        />
        <input
          className="input grow"
          placeholder="https://blog.example"
          value={keyOrigins}
          onChange={(e) => setKeyOrigins(e.target.value)}
          data-testid="site-key-origins"
        />
        <button className="button" disabled={!keyName.trim() || !keyOrigins.trim()} data-testid="site-key-create">
          Create key
        </button>
      </form>
      {keys.data?.map((k) => (
        <div key={k.id} className="secret-box" data-testid="site-key-row">
          <div className="row gap-8">
            <strong className="grow">
              {k.name} <span className="muted small">{k.origins.join(', ')}</span>
            </strong>
            <button
              className="button button-small button-danger-ghost"
              data-testid="site-key-delete"
              onClick={() => void run(async () => (await regionApi.deleteSiteKey(k.id), keys.reload()))}
            >
              <Trash2 size={14} /> Delete
            </button>
          </div>
          <div className="row gap-8">
            <code className="secret grow" data-testid="site-key-snippet">
              {embedSnippet(origin, k.key)}
            </code>
            <CopyButton text={embedSnippet(origin, k.key)} label={`Copy the embed tag for ${k.name}`} testId="site-key-copy" />
          </div>
        </div>
      ))}

      <h3 className="settings-subhead">
        <AtSign size={16} /> Mastodon
      </h3>
      {links.data?.mastodon ? (
        <div className="row gap-8" data-testid="mastodon-linked">
          <span className="grow">
            Linked as <strong>@{links.data.mastodon.acct}</strong> on {links.data.mastodon.instanceUrl} ({links.data.mastodon.visibility})
          </span>
          <button
            className="button button-small button-danger-ghost"
            onClick={() => void run(async () => (await regionApi.unlink('mastodon'), links.reload()))}
          >
            Unlink
          </button>
        </div>
      ) : (
        <form className="row gap-8" onSubmit={linkMastodon}>
          <input
            className="input"
            placeholder="https://mastodon.social"
            value={mastodon.instanceUrl}
            onChange={(e) => setMastodon({ ...mastodon, instanceUrl: e.target.value })}
            data-testid="mastodon-instance"
          />
          <input
            className="input grow"
            type="password"
            placeholder="Access token (write:media, write:statuses)"
            value={mastodon.accessToken}
            onChange={(e) => setMastodon({ ...mastodon, accessToken: e.target.value })}
            data-testid="mastodon-token"
          />
          <button className="button" disabled={!mastodon.instanceUrl || !mastodon.accessToken} data-testid="mastodon-link">
            Link
          </button>
        </form>
      )}

      <h3 className="settings-subhead">
        <Webhook size={16} /> Webhook
      </h3>
      {links.data?.webhook && (
        <div className="row gap-8">
          <span className="grow">
            Posting to <code>{links.data.webhook.url}</code>
          </span>
          <button
            className="button button-small button-danger-ghost"
            onClick={() => void run(async () => (await regionApi.unlink('webhook'), setHookSecret(null), links.reload()))}
          >
            Remove
          </button>
        </div>
      )}
      <form className="row gap-8" onSubmit={setWebhook}>
        <input
          className="input grow"
          placeholder="https://hooks.example/kith"
          value={hookUrl}
          onChange={(e) => setHookUrl(e.target.value)}
          data-testid="webhook-url"
        />
        <button className="button" disabled={!hookUrl.trim()} data-testid="webhook-save">
          {links.data?.webhook ? 'Replace' : 'Set webhook'}
        </button>
      </form>
      {hookSecret && (
        <div className="secret-box">
          <p>
            <strong>Signing secret (shown once):</strong> verify <code>X-Kith-Signature</code> = sha256 HMAC of <code>timestamp.body</code>.
          </p>
          <code className="secret" data-testid="webhook-secret">
            {hookSecret}
          </code>
        </div>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

/**
 * Copies `text` with the Clipboard API (https://w3c.github.io/clipboard-apis/#dom-clipboard-writetext) and says so:
 * the button reads "Copied" and a polite live region announces it. `label` is the accessible name, naming what is copied.
 */
function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      toast({ tone: 'error', message: 'Copy failed; select the tag and copy it by hand.' });
    }
  };
  return (
    <>
      <button type="button" className="button button-small" aria-label={label} onClick={() => void copy()} data-testid={testId}>
        {copied ? <Check size={14} /> : <Copy size={14} />} {copied ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {copied ? 'Copied to the clipboard' : ''}
      </span>
    </>
  );
}
