/** The exchange room's status line (web/src/screens/exchanges/exchange-status.ts), as each side sees each state. */
import { describe, expect, it } from 'vitest';
import type { ExchangeRound } from '../src/api/exchanges';
import { myTurn, statusLine, type RoomView } from '../src/screens/exchanges/exchange-status';

const round = (phase: string, requesterCaptured: boolean, responderCaptured: boolean) =>
  ({ n: 1, phase, requesterCaptured, responderCaptured }) as unknown as ExchangeRound;
const room = (over: Partial<RoomView>): RoomView => ({
  mode: 'exchange',
  status: 'active',
  role: 'requester',
  partnerName: 'Zoë',
  expiresAt: '2026-12-31T00:00:00Z',
  rounds: [],
  ...over,
});

describe('statusLine', () => {
  it('asks the responder and tells the requester it waits', () => {
    expect(statusLine(room({ status: 'pending' }))).toMatchObject({ state: 'awaiting-answer', text: 'Waiting for Zoë to accept…' });
    expect(statusLine(room({ status: 'pending', role: 'responder', mode: 'synthesis' }))).toMatchObject({
      state: 'asked',
      text: 'Zoë invites you to a group photo.',
    });
    expect(statusLine(room({ status: 'pending', invitePending: true })).text).toBe('Waiting for someone to open your invite link…');
  });

  it('follows a round from both sides', () => {
    const waiting = round('waiting', true, false);
    expect(statusLine(room({ rounds: [waiting] }))).toMatchObject({ state: 'waiting-partner', tone: 'progress' });
    expect(statusLine(room({ rounds: [waiting], role: 'responder' }))).toMatchObject({
      state: 'partner-captured',
      text: 'Zoë has taken their photo. Your turn!',
    });
    expect(myTurn(room({ rounds: [waiting] }))).toBe(false);
    expect(myTurn(room({ rounds: [waiting], role: 'responder' }))).toBe(true);
    expect(statusLine(room({ rounds: [round('composing', true, true)] })).state).toBe('composing');
    expect(statusLine(room({ mode: 'synthesis', rounds: [round('done', true, true)] })).text).toBe('Your group photo is ready.');
    expect(statusLine(room({ rounds: [round('done', true, true)] })).text).toBe('Done: photos exchanged.');
    expect(statusLine(room({ rounds: [round('failed', true, true)] }))).toMatchObject({ state: 'failed', tone: 'ended' });
  });

  it('says who ended it, in words for each side', () => {
    expect(statusLine(room({ status: 'declined' })).text).toBe('Zoë declined.');
    expect(statusLine(room({ status: 'declined', role: 'responder' })).text).toBe('You declined this request.');
    expect(statusLine(room({ status: 'blocked' })).text).toBe('Zoë does not accept exchanges from you.');
    expect(statusLine(room({ status: 'blocked', role: 'responder' })).text).toBe('You blocked Zoë.');
    expect(statusLine(room({ status: 'expired', invitePending: true })).text).toBe(
      'Nobody joined through the invite link before it expired.',
    );
    expect(statusLine(room({ status: 'ended' }))).toMatchObject({ state: 'ended', tone: 'ended' });
    expect(myTurn(room({ status: 'ended' }))).toBe(false);
    expect(myTurn(room({}))).toBe(true);
  });
});
