/**
 * One round's outcome: in exchange mode my photo and my partner's (each side gets the
 * other's), in synthesis mode the group photo with its note (e.g. a side-by-side fallback);
 * then quick reactions. Guests get download links (valid for a limited time).
 */
import { Download } from 'lucide-react';
import { REACTIONS, type ExchangeRole, type ExchangeRound, type Reaction } from '../../api/exchanges';
import { REACTION_IMAGES } from './reaction-images';

interface Props {
  round: ExchangeRound;
  role: ExchangeRole;
  partnerName: string;
  /** Shows download links (guests keep nothing in a library). */
  downloads: boolean;
  onReact?: (emoji: Reaction) => void;
}

function Figure({ src, kind, caption, download }: { src: string; kind: string; caption: string; download: boolean }) {
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
      </figcaption>
    </figure>
  );
}

export function RoundResult({ round, role, partnerName, downloads, onReact }: Props) {
  const partnerRole: ExchangeRole = role === 'requester' ? 'responder' : 'requester';
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
          />
          {round.note && (
            <p className="result-note" data-testid="result-note">
              {round.note}
            </p>
          )}
          <div className="result-inputs">
            {mine && <Figure src={mine} kind="mine" caption="Your photo" download={false} />}
            {theirs && <Figure src={theirs} kind="partner" caption={`${partnerName}’s photo`} download={false} />}
          </div>
        </>
      ) : (
        // Exchange: the partner's photo is what I came for; mine stays a thumbnail beside the caption.
        <>
          {theirs && <Figure src={theirs} kind="partner" caption={`From ${partnerName}`} download={downloads} />}
          {mine && (
            <div className="result-inputs">
              <Figure src={mine} kind="mine" caption="Your photo" download={false} />
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
