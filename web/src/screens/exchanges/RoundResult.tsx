/**
 * One round's outcome: in exchange mode my photo and my partner's (each side gets the
 * other's), in synthesis mode the group photo with its note (e.g. a side-by-side fallback);
 * then quick reactions. Guests get download links (valid for a limited time); a Kith user gets
 * "Save to library" on each image, which stays in the exchange until saved.
 */
import { useState } from 'react';
import { Check, Download, ImageDown } from 'lucide-react';
import { errorMessage } from '../../api/client';
import {
  REACTIONS,
  type ExchangeImageKind,
  type ExchangeRole,
  type ExchangeRound,
  type ExchangeSaveResult,
  type Reaction,
} from '../../api/exchanges';
import { REACTION_IMAGES } from './reaction-images';

interface Props {
  round: ExchangeRound;
  role: ExchangeRole;
  partnerName: string;
  /** Shows download links (guests keep nothing in a library). */
  downloads: boolean;
  onReact?: (emoji: Reaction) => void;
  /** Saves one image into my library (accounts only). */
  onSave?: (which: ExchangeImageKind) => Promise<ExchangeSaveResult>;
}

const SAVED: Record<ExchangeSaveResult['outcome'], string> = {
  saved: 'Saved to library',
  already_saved: 'Already in your library',
  original: 'Already in your library (the original)',
};

/** "Save to library", then what happened (saved, or the photo the library already had). */
function SaveButton({ save, kind }: { save: () => Promise<ExchangeSaveResult>; kind: string }) {
  const [state, setState] = useState<{ busy?: boolean; done?: ExchangeSaveResult['outcome']; error?: string }>({});
  if (state.done)
    return (
      <span className="badge badge-soft" data-testid="result-saved" data-kind={kind} data-outcome={state.done}>
        <Check size={14} /> {SAVED[state.done]}
      </span>
    );
  return (
    <>
      {state.error && <span className="form-error small">{state.error}</span>}
      <button
        className="button button-small"
        disabled={state.busy}
        data-testid="result-save"
        data-kind={kind}
        onClick={() => {
          setState({ busy: true });
          save().then(
            (r) => setState({ done: r.outcome }),
            (err: unknown) => setState({ error: errorMessage(err) }),
          );
        }}
      >
        <ImageDown size={14} /> Save to library
      </button>
    </>
  );
}

function Figure({
  src,
  kind,
  caption,
  download,
  save,
}: {
  src: string;
  kind: string;
  caption: string;
  download: boolean;
  save?: () => Promise<ExchangeSaveResult>;
}) {
  return (
    <figure className={`result-figure result-${kind}`}>
      <a href={src} target="_blank" rel="noreferrer" className="result-image-link">
        <img src={src} alt={caption} data-testid="result-image" data-kind={kind} />
      </a>
      <figcaption>
        <span>{caption}</span>
        {download && (
          <a href={src} download={`kith-${kind}.jpg`} className="button button-small" data-testid="result-download" data-kind={kind}>
            <Download size={14} /> Download
          </a>
        )}
        {save && <SaveButton save={save} kind={kind} />}
      </figcaption>
    </figure>
  );
}

export function RoundResult({ round, role, partnerName, downloads, onReact, onSave }: Props) {
  const partnerRole: ExchangeRole = role === 'requester' ? 'responder' : 'requester';
  const saver = (which: ExchangeImageKind) => (onSave ? () => onSave(which) : undefined);
  const mine = round.images[role];
  const theirs = round.images[partnerRole];
  const result = round.images.result;
  const counts = REACTIONS.map((emoji) => ({
    emoji,
    mine: round.reactions.some((r) => r.by === role && r.emoji === emoji),
    n: round.reactions.filter((r) => r.emoji === emoji).length,
  }));
  return (
    <section className="round-result" data-testid="exchange-result" data-n={round.n} data-mode={round.resultMode ?? ''}>
      {result ? (
        <>
          <Figure
            src={result}
            kind="result"
            caption={round.resultMode === 'diptych' ? 'Side by side' : 'Your group photo'}
            download={downloads}
            save={saver('result')}
          />
          {round.note && (
            <p className="result-note" data-testid="result-note">
              {round.note}
            </p>
          )}
          <div className="result-inputs">
            {mine && <Figure src={mine} kind="mine" caption="Your photo" download={false} save={saver(role)} />}
            {theirs && <Figure src={theirs} kind="partner" caption={`${partnerName}’s photo`} download={false} save={saver(partnerRole)} />}
          </div>
        </>
      ) : (
        // Exchange: the partner's photo is what I came for; mine stays a thumbnail beside the caption.
        <>
          {theirs && <Figure src={theirs} kind="partner" caption={`From ${partnerName}`} download={downloads} save={saver(partnerRole)} />}
          {mine && (
            <div className="result-inputs">
              <Figure src={mine} kind="mine" caption="Your photo" download={false} save={saver(role)} />
            </div>
          )}
        </>
      )}
      {onReact && (
        <div className="reactions" role="group" aria-label="React" data-testid="reactions">
          {counts.map((c) => (
            <button
              key={c.emoji}
              className={`reaction${c.mine ? ' active' : ''}`}
              aria-pressed={c.mine}
              aria-label={`React ${c.emoji}`}
              onClick={() => onReact(c.emoji)}
              data-testid="reaction-button"
              data-emoji={c.emoji}
            >
              <img className="reaction-emoji" src={REACTION_IMAGES[c.emoji]} alt="" width={22} height={22} />
              {c.n > 0 && <span className="reaction-count">{c.n}</span>}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
