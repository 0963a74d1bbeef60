import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, engines, type TestApp, type TestUser } from '../helpers/test-app.js';
import { associate, listenAs, play, PHONES, signupTerminals, urlOf, verifyPhones, type RecordingSocket } from '../helpers/now-playing.js';

// Seed CN102664943A claims 1, 5, 6, 10 and [0043]: 1's play is pushed to 2, 3 and 4 at once.
describe.each(engines)('now playing in real time on %s', (engine) => {
  let t: TestApp;
  let u1: TestUser, u2: TestUser, u3: TestUser, u4: TestUser, u5: TestUser;
  let s1: RecordingSocket, s2: RecordingSocket, s3: RecordingSocket, s4: RecordingSocket, s5: RecordingSocket;
  const playing = (s: RecordingSocket, title: string) => s.next('now-playing.updated', (e) => e.playing.title === title);

  beforeAll(async () => {
    t = await createTestApp(engine);
    [u1, u2, u3, u4, u5] = await signupTerminals(t.app);
    await associate(t.app, u1, PHONES[1], []);
    await associate(t.app, u2, PHONES[2], [PHONES[1]]);
    await associate(t.app, u3, PHONES[3], [PHONES[1]]);
    await associate(t.app, u4, PHONES[4], [PHONES[1]]);
    await associate(t.app, u5, PHONES[5], [PHONES[2]]);
    // Only verified numbers link anyone (docs/security.md): the admin (terminal 1) marks them.
    await verifyPhones(t.app, u1, u1, u2, u3, u4, u5);
    const url = await urlOf(t.app);
    [s1, s2, s3, s4, s5] = await Promise.all([u1, u2, u3, u4, u5].map((u) => listenAs(url, u)));
  });
  afterAll(async () => {
    for (const s of [s1, s2, s3, s4, s5]) s?.close();
    await t?.close();
  });

  it("pushes 1's play to 2, 3, 4 and 1 itself, never to 5", async () => {
    const res = await as(t.app, u1).post(
      '/api/now-playing',
      play('Teardrop', 'Massive Attack', { duration_ms: 330_000, position_ms: 30_000, source_url: 'https://example.org/teardrop' }),
    );
    expect(res.statusCode).toBe(200);
    const pushed = await Promise.all([s1, s2, s3, s4].map((s) => playing(s, 'Teardrop')));
    for (const p of pushed)
      expect(p).toMatchObject({
        user: { username: 'one' },
        playing: { artist: 'Massive Attack', position_ms: 30_000, duration_ms: 330_000, via: 'kith' },
      });
    // It expires when the remaining 300 s are over.
    const p = pushed[1].playing;
    expect(Date.parse(p.expires_at) - Date.parse(p.position_at)).toBe(300_000);
    expect(p.find.map((l: any) => l.label)).toEqual(['Source', 'MusicBrainz', 'Web']);
    expect(p.find[1].url).toBe('https://musicbrainz.org/search?type=recording&query=Massive%20Attack%20%E2%80%93%20Teardrop');
    // 5 does not hold 1's number: a marker event sent after the play proves nothing reached 5 before it.
    await as(t.app, u2).post('/api/now-playing', play('Marker', 'Two'));
    await playing(s5, 'Marker');
    expect(s5.events.filter((e) => e.payload?.user?.username === 'one')).toEqual([]);
  });

  it('lists friends with what they play now (GET /api/now-playing/friends)', async () => {
    const friends = (await as(t.app, u2).get('/api/now-playing/friends')).json().friends;
    expect(friends).toHaveLength(1);
    expect(friends[0]).toMatchObject({ user: { username: 'one' }, playing: { title: 'Teardrop' } });
    expect((await as(t.app, u5).get('/api/now-playing/friends')).json().friends.map((f: any) => f.user.username)).toEqual(['two']);
  });

  it('stops: DELETE pushes now-playing.stopped, and a play heard long enough becomes a listen', async () => {
    const res = await as(t.app, u1).delete('/api/now-playing');
    expect(res.statusCode).toBe(204);
    expect(await s3.next('now-playing.stopped', (e) => e.user.username === 'one')).toEqual({
      user: expect.objectContaining({ username: 'one' }),
      reason: 'stopped',
    });
    // 30 s of 330 s were reported as already played; under half: no listen yet.
    expect((await as(t.app, u1).get('/api/now-playing/listens')).json().listens).toEqual([]);
    expect((await as(t.app, u2).get('/api/now-playing/friends')).json().friends[0].playing).toBeNull();
  });

  it('records a listen when the next track replaces one past its half, and pushes it to friends', async () => {
    await as(t.app, u1).post('/api/now-playing', play('Angel', 'Massive Attack', { duration_ms: 380_000, position_ms: 200_000 }));
    await as(t.app, u1).post('/api/now-playing', play('Protection', 'Massive Attack', { duration_ms: 470_000 }));
    const listened = await s2.next('now-playing.listened', (e) => e.listen.title === 'Angel');
    expect(listened.listen).toMatchObject({ artist: 'Massive Attack', via: 'kith', duration_ms: 380_000 });
    const recent = (await as(t.app, u2).get(`/api/now-playing/listens?user=${u1.id}`)).json().listens;
    expect(recent.map((l: any) => l.title)).toEqual(['Angel']);
    expect((await as(t.app, u5).get(`/api/now-playing/listens?user=${u1.id}`)).statusCode).toBe(404);
  });

  it('expires by timer after the remaining duration, and tells everyone (no polling)', async () => {
    await as(t.app, u1).post('/api/now-playing', play('Short', 'Tester', { duration_ms: 61_000, position_ms: 60_000 }));
    await playing(s4, 'Short');
    expect(t.container.nowPlaying.timers.size()).toBeGreaterThan(0);
    const stopped = await s4.next('now-playing.stopped', (e) => e.user.username === 'one');
    expect(stopped.reason).toBe('expired');
    expect((await as(t.app, u1).get('/api/now-playing')).json().playing).toBeNull();
  });

  it('uses the configured default lifetime when the duration is unknown', async () => {
    const res = await as(t.app, u1).post('/api/now-playing', play('Live stream', 'Radio'));
    const p = res.json().playing;
    expect(Date.parse(p.expires_at) - Date.parse(p.position_at)).toBe(t.config.nowPlayingDefaultMs);
    expect(t.config.nowPlayingDefaultMs).toBe(10 * 60_000);
  });

  it('hides from chosen contacts: 3 gets stopped at once and sees nothing after', async () => {
    await as(t.app, u1).post('/api/now-playing', play('Unfinished Sympathy', 'Massive Attack'));
    await playing(s3, 'Unfinished Sympathy');
    const res = await as(t.app, u1).patch('/api/now-playing/settings', { hidden: [u3.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().hidden.map((p: any) => p.username)).toEqual(['three']);
    expect((await s3.next('now-playing.stopped', (e) => e.user.username === 'one')).reason).toBe('hidden');
    await as(t.app, u1).post('/api/now-playing', play('Karmacoma', 'Massive Attack'));
    await playing(s2, 'Karmacoma');
    await as(t.app, u4).post('/api/now-playing', play('Marker 3', 'Four')); // nobody holds 4: only 4 itself
    await playing(s4, 'Marker 3');
    expect(s3.events.some((e) => e.payload?.playing?.title === 'Karmacoma')).toBe(false);
    expect((await as(t.app, u3).get('/api/now-playing/friends')).json().friends).toEqual([]);
    await as(t.app, u1).patch('/api/now-playing/settings', { hidden: [] });
    // Unhidden: 3 gets the current play pushed at once.
    await playing(s3, 'Karmacoma');
  });

  it('a private session shares nothing; friends see the play stop', async () => {
    const res = await as(t.app, u1).patch('/api/now-playing/settings', { private_session: true, private_session_minutes: 30 });
    expect(res.json().private_session_until).not.toBeNull();
    expect((await s2.next('now-playing.stopped', (e) => e.user.username === 'one')).reason).toBe('private');
    const secret = await as(t.app, u1).post('/api/now-playing', play('Guilty pleasure', 'Somebody'));
    expect(secret.json().playing.private).toBe(true);
    await playing(s1, 'Guilty pleasure'); // my own devices still see it
    expect((await as(t.app, u2).get('/api/now-playing/friends')).json().friends[0]).toMatchObject({
      user: { username: 'one' },
      playing: null,
    });
    await as(t.app, u1).patch('/api/now-playing/settings', { private_session: false });
  });

  it('sharing off removes me from friends’ lists entirely', async () => {
    await as(t.app, u1).patch('/api/now-playing/settings', { sharing: false });
    expect((await as(t.app, u2).get('/api/now-playing/friends')).json().friends).toEqual([]);
    expect((await as(t.app, u2).get(`/api/now-playing/listens?user=${u1.id}`)).statusCode).toBe(404);
    await as(t.app, u1).patch('/api/now-playing/settings', { sharing: true });
    expect((await as(t.app, u2).get('/api/now-playing/friends')).json().friends).toHaveLength(1);
  });

  it('validates input: 400 invalid_request naming the field', async () => {
    const res = await as(t.app, u1).post('/api/now-playing', { title: '', artist: 'x', media_type: 'podcast' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_request');
    expect(res.json().message).toMatch(/title/);
    expect(res.json().message).toMatch(/media_type/);
  });
});
