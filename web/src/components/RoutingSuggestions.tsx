/**
 * "Send to Bob and Carol?" cards (server-side routing, mode `suggest`, and in `auto` the
 * matches that rest only on a reference face the contact registered): one per photo in which my
 * contacts were recognised, acted on with one click. Each contact chip can be unticked first to
 * send to the others only. Under the chips, each contact's evidence: the matched face crop beside
 * what it matched (my contact photo, their own reference face, or my earlier photo of them), in words.
 * New cards arrive by `routing.suggested`.
 */
import { useState } from 'react';
import { Check, Send, X } from 'lucide-react';
import { errorMessage } from '../api/client';
import { routingApi, type RoutingSuggestion } from '../api/routing';
import { plural } from '../lib/format';
import { useRealtime } from '../lib/realtime';
import { useAsync } from '../lib/use-async';
import { useToast } from '../state/toasts';

/** Cards shown before "Show N more": a party's worth of photos must not push the library off screen. */
const SHOWN = 3;

export function RoutingSuggestions() {
  const toast = useToast();
  const list = useAsync(() => routingApi.suggestions(), []);
  const [expanded, setExpanded] = useState(false);
  const [sendingAll, setSendingAll] = useState(false);
  useRealtime('routing.suggested', (e) =>
    list.setData((prev) => [e.suggestion, ...(prev ?? []).filter((s) => s.assetId !== e.suggestion.assetId)]),
  );
  const suggestions = list.data ?? [];
  if (!suggestions.length) return null;
  const hidden = expanded ? 0 : Math.max(0, suggestions.length - SHOWN);

  /** Every card's photo to every suggested contact, one request per photo. */
  const sendAll = async () => {
    setSendingAll(true);
    let sent = 0;
    try {
      for (const s of suggestions) sent += (await routingApi.send(s.assetId)).length > 0 ? 1 : 0;
      toast({ tone: 'success', message: `Sending ${plural(sent, 'photo')} to the people in them` });
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setSendingAll(false);
      list.reload();
    }
  };

  return (
    <section className="routing-suggestions" data-testid="routing-suggestions" aria-label="Photos to send to the people in them">
      {suggestions.slice(0, suggestions.length - hidden).map((s) => (
        <SuggestionCard key={s.assetId} suggestion={s} onDone={list.reload} />
      ))}
      {suggestions.length > 1 && (
        <div className="routing-more">
          {hidden > 0 && (
            <button className="button" onClick={() => setExpanded(true)} data-testid="routing-show-all">
              Show {plural(hidden, 'more photo')}
            </button>
          )}
          <button className="button" disabled={sendingAll} onClick={() => void sendAll()} data-testid="routing-send-all">
            <Send size={16} /> Send all {suggestions.length}
          </button>
        </div>
      )}
    </section>
  );
}

/** "Bob", "Bob and Carol", "Bob, Carol and Dan" (as the server writes the card's prompt). */
const andList = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

function SuggestionCard({ suggestion, onDone }: { suggestion: RoutingSuggestion; onDone: () => void }) {
  const toast = useToast();
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const chosen = suggestion.contacts.filter((c) => !excluded.has(c.id));
  const toggle = (id: string) =>
    setExcluded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const act = async (what: 'send' | 'dismiss') => {
    setBusy(true);
    try {
      if (what === 'send') {
        const sent = await routingApi.send(suggestion.assetId, excluded.size ? chosen.map((c) => c.id) : undefined);
        toast({ tone: 'success', message: `Sending to ${andList(sent.map((d) => d.contact.name))}` });
      } else await routingApi.dismiss(suggestion.assetId);
      onDone();
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
      setBusy(false);
    }
  };

  return (
    <article className="card routing-card" data-testid="routing-suggestion" data-asset-id={suggestion.assetId}>
      <img className="routing-thumb" src={suggestion.thumbnailUrl} alt={suggestion.originalName} loading="lazy" />
      <div className="routing-body">
        <strong data-testid="routing-suggestion-prompt">{suggestion.prompt}</strong>
        <span className="muted small">
          {plural(suggestion.contacts.length, 'person', 'people')} you know {suggestion.contacts.length === 1 ? 'is' : 'are'} in this photo
        </span>
        <div className="chips">
          {suggestion.contacts.map((c) => {
            const on = !excluded.has(c.id);
            return (
              <button
                key={c.id}
                type="button"
                className={`chip routing-chip${on ? '' : ' routing-chip-off'}`}
                aria-pressed={on}
                title={`${on ? 'Leave out' : 'Include'} ${c.name} (${c.address.includes('@') ? c.address : `@${c.address}`})`}
                onClick={() => toggle(c.id)}
                data-testid="routing-suggestion-contact"
                data-contact-id={c.id}
                data-selected={on}
              >
                {on ? <Check size={13} /> : <X size={13} />} {c.name}
              </button>
            );
          })}
        </div>
        <ul className="routing-evidence" aria-label="Why Kith thinks so">
          {suggestion.contacts.map((c) => (
            <Evidence key={c.id} name={c.name} evidence={c.evidence} />
          ))}
        </ul>
      </div>
      <div className="routing-actions">
        <button
          className="button button-primary"
          disabled={busy || chosen.length === 0}
          onClick={() => void act('send')}
          data-testid="routing-send"
        >
          <Send size={16} /> Send
        </button>
        <button className="button" disabled={busy} onClick={() => void act('dismiss')} data-testid="routing-dismiss">
          Not this one
        </button>
      </div>
    </article>
  );
}

/** One contact's evidence: the face found in this photo beside what it matched (a contact photo, their reference face or an earlier face), and the kind of match in words. */
function Evidence({ name, evidence }: { name: string; evidence: RoutingSuggestion['contacts'][number]['evidence'] }) {
  return (
    <li className="routing-evidence-item" data-testid="routing-evidence" data-kind={evidence.kind ?? 'none'}>
      <span className="routing-evidence-pair">
        {evidence.faceUrl && (
          <img src={evidence.faceUrl} alt={`The face in this photo Kith took for ${name}`} title="In this photo" loading="lazy" />
        )}
        {evidence.matchedUrl && (
          <>
            <span className="routing-evidence-eq" aria-hidden="true">
              ≈
            </span>
            <img src={evidence.matchedUrl} alt={evidence.label} title={evidence.label} loading="lazy" />
          </>
        )}
      </span>
      <span className="small">
        <span data-testid="routing-evidence-label">{evidence.label}</span>
        {!evidence.yours && <span className="muted"> · a photo {name} chose, so Kith never sends on it by itself</span>}
      </span>
    </li>
  );
}
