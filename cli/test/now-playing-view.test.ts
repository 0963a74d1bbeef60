import { describe, expect, it } from 'vitest';
import { applyEvent, renderFriends, type Friend } from '../src/now-playing/friends-view.js';
import { playFromMpd, sameSong } from '../src/now-playing/mpd-watch.js';

const T0 = Date.parse('2026-06-13T20:00:00Z');
const alice = { id: '00000000-0000-4000-8000-000000000001', username: 'alice', displayName: 'Alice' };
const bob = { id: '00000000-0000-4000-8000-000000000002', username: 'bob', displayName: 'Bob' };
const play = {
  title: 'Teardrop',
  artist: 'Massive Attack',
  album: 'Mezzanine',
  media_type: 'audio' as const,
  duration_ms: 330_000,
  position_ms: 30_000,
  position_at: new Date(T0).toISOString(),
  started_at: new Date(T0 - 30_000).toISOString(),
  expires_at: new Date(T0 + 300_000).toISOString(),
  source_url: null,
  cover_url: null,
  player: 'mpd',
  via: 'kith' as const,
  private: false,
  find: [{ label: 'MusicBrainz', url: 'https://musicbrainz.org/search?type=recording&query=Massive%20Attack%20%E2%80%93%20Teardrop' }],
};
const friends: Friend[] = [
  { user: bob, playing: null, recent: [] },
  { user: alice, playing: play, recent: [] },
];

describe('kith now-playing friends: the terminal view', () => {
  it('renders playing friends first, with progress, time left (ticking from position_at) and find-it links', () => {
    expect(renderFriends(friends, T0 + 15_000)).toBe(
      [
        '▶ Alice (@alice) on mpd',
        '    Massive Attack – Teardrop (Mezzanine)',
        '    [###.....................] 0:45 / 5:30 · 4:45 left',
        '    MusicBrainz: https://musicbrainz.org/search?type=recording&query=Massive%20Attack%20%E2%80%93%20Teardrop',
        '  Bob (@bob): not playing',
      ].join('\n'),
    );
  });

  it('applies realtime events in place; an unknown friend asks for a refetch', () => {
    const stopped = applyEvent(friends, 'now-playing.stopped', { user: alice, reason: 'stopped' })!;
    expect(stopped.find((f) => f.user.id === alice.id)!.playing).toBeNull();
    const hidden = applyEvent(friends, 'now-playing.stopped', { user: alice, reason: 'hidden' })!;
    expect(hidden.map((f) => f.user.username)).toEqual(['bob']);
    const started = applyEvent(friends, 'now-playing.updated', { user: bob, playing: { ...play, title: 'Angel' } })!;
    expect(started.find((f) => f.user.id === bob.id)!.playing!.title).toBe('Angel');
    const stranger = { id: '00000000-0000-4000-8000-000000000009', username: 'x', displayName: 'X' };
    expect(applyEvent(friends, 'now-playing.updated', { user: stranger, playing: play })).toBeNull();
  });
});

describe('kith now-playing watch: mpd answers to plays', () => {
  const song = { file: 'massive/teardrop.flac', title: 'Teardrop', artist: 'Massive Attack', album: 'Mezzanine', duration: 330.5 };
  it('maps status + currentsong of a playing mpd', () => {
    expect(playFromMpd({ state: 'play', elapsed: 12.3, duration: 330.5 }, song)).toEqual({
      title: 'Teardrop',
      artist: 'Massive Attack',
      album: 'Mezzanine',
      media_type: 'audio',
      duration_ms: 330_500,
      position_ms: 12_300,
      player: 'mpd',
      source_url: null,
    });
  });
  it('is null when paused or stopped, and names untagged files by file name', () => {
    expect(playFromMpd({ state: 'pause', elapsed: 1 }, song)).toBeNull();
    expect(playFromMpd({ state: 'stop' }, {})).toBeNull();
    expect(playFromMpd({ state: 'play', elapsed: 0 }, { file: 'incoming/demo take 3.ogg' })).toMatchObject({
      title: 'demo take 3',
      artist: 'Unknown artist',
      duration_ms: null,
    });
  });
  it('tells a new song (or a restart) from the same one playing on', () => {
    const a = playFromMpd({ state: 'play', elapsed: 10 }, song);
    expect(sameSong(a, playFromMpd({ state: 'play', elapsed: 50 }, song))).toBe(true);
    expect(sameSong(a, playFromMpd({ state: 'play', elapsed: 0 }, song))).toBe(false);
    expect(sameSong(a, playFromMpd({ state: 'play', elapsed: 50 }, { ...song, title: 'Angel' }))).toBe(false);
  });
});
