/**
 * "Is Dad @mallory on this server?": contacts that match an account only by an e-mail or phone that account has
 * not proven. Nothing reaches the account until the owner says Yes; No is remembered and never asked again.
 */
import { useState } from 'react';
import { HelpCircle } from 'lucide-react';
import { errorMessage } from '../../api/client';
import type { LinkQuestion } from '../../api/types';
import { verificationApi } from '../../api/verification';
import { useToast } from '../../state/toasts';

export function LinkQuestions({ questions, onAnswered }: { questions: LinkQuestion[]; onAnswered: () => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  if (!questions.length) return null;

  const answer = async (q: LinkQuestion, a: 'yes' | 'no') => {
    setBusy(`${q.contactId} ${q.account.id}`);
    try {
      await verificationApi.answerLinkQuestion(q.contactId, q.account.id, a);
      toast({
        tone: 'success',
        message: a === 'yes' ? `${q.contactName} is linked to @${q.account.username}` : `Kith won't ask about @${q.account.username} again`,
      });
      onAnswered();
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card link-questions" data-testid="link-questions">
      <h2>
        <HelpCircle size={18} /> Is this them?
      </h2>
      <p className="muted small">
        These accounts put an address from your contacts on their profile but haven’t proven it is theirs. Nothing of yours reaches them
        until you say yes.
      </p>
      <ul>
        {questions.map((q) => (
          <li key={`${q.contactId} ${q.account.id}`} data-testid="link-question" data-contact={q.contactName}>
            <span>
              Is <strong>{q.contactName}</strong> <strong>@{q.account.username}</strong>
              {q.account.displayName !== q.account.username ? ` (${q.account.displayName})` : ''} on this server?{' '}
              <span className="muted small">Matched by the {q.matchedOn === 'email' ? 'e-mail' : 'phone number'} on your card.</span>
            </span>
            <span className="link-question-actions">
              <button
                className="button button-primary"
                disabled={busy !== null}
                onClick={() => void answer(q, 'yes')}
                data-testid="link-question-yes"
              >
                Yes, link them
              </button>
              <button className="button" disabled={busy !== null} onClick={() => void answer(q, 'no')} data-testid="link-question-no">
                No
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
