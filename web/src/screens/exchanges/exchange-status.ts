/**
 * What the room's status line says, from the exchange's status and its current round
 * (waiting for the partner / the partner has captured / composing / done; and
 * declined / expired / blocked / ended, told to the other side in real time).
 */
import type { ExchangeMode, ExchangeRole, ExchangeRound, ExchangeStatus } from '../../api/exchanges';

/** The room as either side sees it: an account's {@link Exchange} or a guest's view, normalised. */
export interface RoomView {
  mode: ExchangeMode;
  status: ExchangeStatus;
  role: ExchangeRole;
  partnerName: string;
  expiresAt: string;
  rounds: ExchangeRound[];
  /** A stranger invited by link who has not joined yet (no name to show). */
  invitePending?: boolean;
}

/** `state` is the stable `data-state` of the status line (tests read it). */
export interface StatusLine {
  state:
    | 'awaiting-answer'
    | 'asked'
    | 'your-turn'
    | 'waiting-partner'
    | 'partner-captured'
    | 'composing'
    | 'done'
    | 'failed'
    | 'declined'
    | 'expired'
    | 'blocked'
    | 'ended';
  tone: 'info' | 'progress' | 'success' | 'ended';
  text: string;
}

export const modeLabel = (mode: ExchangeMode) => (mode === 'synthesis' ? 'Group photo' : 'Photo exchange');
export const modeHint = (mode: ExchangeMode) =>
  mode === 'synthesis'
    ? 'Kith puts both of you into one photo, as if you stood together.'
    : 'Each of you takes a photo; you each get the other’s.';

/** The round in play: the last one. */
export const currentRound = (v: { rounds: ExchangeRound[] }): ExchangeRound | undefined => v.rounds[v.rounds.length - 1];

export function statusLine(v: RoomView): StatusLine {
  const who = v.partnerName;
  switch (v.status) {
    case 'pending':
      if (v.invitePending) return { state: 'awaiting-answer', tone: 'progress', text: 'Waiting for someone to open your invite link…' };
      return v.role === 'requester'
        ? { state: 'awaiting-answer', tone: 'progress', text: `Waiting for ${who} to accept…` }
        : { state: 'asked', tone: 'info', text: `${who} invites you to a ${modeLabel(v.mode).toLowerCase()}.` };
    case 'declined':
      return { state: 'declined', tone: 'ended', text: v.role === 'requester' ? `${who} declined.` : 'You declined this request.' };
    case 'expired':
      return {
        state: 'expired',
        tone: 'ended',
        text: v.invitePending ? 'Nobody joined through the invite link before it expired.' : 'The request expired before it was answered.',
      };
    case 'blocked':
      return {
        state: 'blocked',
        tone: 'ended',
        text: v.role === 'requester' ? `${who} does not accept exchanges from you.` : `You blocked ${who}.`,
      };
    case 'ended':
      return { state: 'ended', tone: 'ended', text: 'This exchange has ended.' };
    case 'active':
      break;
  }
  const r = currentRound(v);
  if (!r) return { state: 'your-turn', tone: 'info', text: 'Take your photo.' };
  if (r.phase === 'composing') return { state: 'composing', tone: 'progress', text: 'Both photos are in: composing your group photo…' };
  if (r.phase === 'done')
    return { state: 'done', tone: 'success', text: v.mode === 'synthesis' ? 'Your group photo is ready.' : 'Done: photos exchanged.' };
  if (r.phase === 'failed')
    return { state: 'failed', tone: 'ended', text: 'This round failed on the server. Start another round to try again.' };
  const mine = v.role === 'requester' ? r.requesterCaptured : r.responderCaptured;
  const theirs = v.role === 'requester' ? r.responderCaptured : r.requesterCaptured;
  if (mine) return { state: 'waiting-partner', tone: 'progress', text: `Waiting for ${who} to take their photo…` };
  if (theirs) return { state: 'partner-captured', tone: 'info', text: `${who} has taken their photo. Your turn!` };
  return { state: 'your-turn', tone: 'info', text: `Take your photo; ${who} is taking theirs.` };
}

/** Whether I still have to capture in the current round. */
export function myTurn(v: RoomView): boolean {
  const r = currentRound(v);
  if (v.status !== 'active' || !r || r.phase !== 'waiting') return v.status === 'active' && !r;
  return !(v.role === 'requester' ? r.requesterCaptured : r.responderCaptured);
}
