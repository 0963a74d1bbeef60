/** Privacy of my plays: sharing on/off, mutual links only, a private session, hide from chosen people. */
import { useState } from 'react';
import { Shield } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { nowPlayingApi } from '../../api/now-playing';
import type { AccountRef, SettingsPatch } from '../../api/types';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';

function Toggle({
  label,
  hint,
  checked,
  onChange,
  testId,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
}) {
  return (
    <label className="toggle-row">
      <span>
        <strong>{label}</strong>
        <span className="muted">{hint}</span>
      </span>
      <input
        className="switch"
        type="checkbox"
        role="switch"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
    </label>
  );
}

export function PrivacyCard({ candidates }: { candidates: AccountRef[] }) {
  const settings = useAsync(() => nowPlayingApi.settings(), []);
  const [saving, setSaving] = useState(false);
  const toast = useToast();
  const s = settings.data;

  const save = async (patch: SettingsPatch) => {
    setSaving(true);
    try {
      settings.setData(await nowPlayingApi.updateSettings(patch));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };
  if (!s) return null;
  const hidden = new Set(s.hidden.map((p) => p.id));
  const people = [...candidates, ...s.hidden.filter((h) => !candidates.some((c) => c.id === h.id))];

  return (
    <section className="card now-playing-side-card" data-testid="now-playing-privacy" aria-busy={saving}>
      <h2>
        <Shield size={16} /> Privacy
      </h2>
      <Toggle
        label="Share what I play"
        hint="Off: nobody sees your plays or listens."
        checked={s.sharing}
        onChange={(v) => void save({ sharing: v })}
        testId="now-playing-sharing"
      />
      <Toggle
        label="Private session"
        hint={
          s.private_session_until
            ? `Until ${new Date(s.private_session_until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
            : 'Pause sharing for six hours.'
        }
        checked={!!s.private_session_until}
        onChange={(v) => void save({ private_session: v })}
        testId="now-playing-private-session"
      />
      <Toggle
        label="Mutual links only"
        hint="Only people whose numbers are also in your book."
        checked={s.require_mutual}
        onChange={(v) => void save({ require_mutual: v })}
        testId="now-playing-require-mutual"
      />
      {people.length > 0 && (
        <div className="now-playing-hide" data-testid="now-playing-hidden-list">
          <span className="field-label">Hide from</span>
          {people.map((p) => (
            <label key={p.id} className="now-playing-hide-row">
              <input
                type="checkbox"
                checked={hidden.has(p.id)}
                onChange={(e) => void save({ hidden: e.target.checked ? [...hidden, p.id] : [...hidden].filter((id) => id !== p.id) })}
                data-testid="now-playing-hide"
                data-username={p.username}
              />
              {p.displayName || p.username}
            </label>
          ))}
        </div>
      )}
    </section>
  );
}
