import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signup, type TestUser } from '../helpers/test-app.js';
import { startTwoInstances, type Instance } from '../helpers/two-instances.js';
import { associate, listenAs, play, PHONES, urlOf, verifyPhones } from '../helpers/now-playing.js';

const REDIS_URL = process.env.KITH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Now playing on several instances: two Kith processes' worth of app (own socket.io servers, own
// expiry timers) on one PostgreSQL schema, fanned out through the socket.io Redis adapter.
describe('now playing across two instances (PostgreSQL + Redis adapter)', () => {
  let instances: Instance[];
  let close: () => Promise<void>;
  let alice: TestUser, bob: TestUser;

  beforeAll(async () => {
    ({ instances, close } = await startTwoInstances(REDIS_URL));
    alice = await signup(instances[0].app, 'alice');
    bob = await signup(instances[1].app, 'bob');
    await associate(instances[0].app, alice, PHONES[1], []);
    await associate(instances[1].app, bob, PHONES[2], [PHONES[1]]);
    // Only verified numbers link anyone (docs/security.md): the admin (alice) marks them.
    await verifyPhones(instances[0].app, alice, alice, bob);
  });
  afterAll(() => close?.());

  it("a play submitted to instance 1 reaches bob's socket on instance 2, and so does its stop", async () => {
    const bobSocket = await listenAs(await urlOf(instances[1].app), bob);
    const res = await as(instances[0].app, alice).post('/api/now-playing', play('Hyperballad', 'Björk', { duration_ms: 321_000 }));
    expect(res.statusCode).toBe(200);
    const pushed = await bobSocket.next('now-playing.updated');
    expect(pushed).toMatchObject({ user: { username: 'alice' }, playing: { title: 'Hyperballad', artist: 'Björk' } });
    // Instance 2 reads the same database: bob's Friends list there shows the play.
    const friends = (await as(instances[1].app, bob).get('/api/now-playing/friends')).json().friends;
    expect(friends[0].playing.title).toBe('Hyperballad');
    await as(instances[0].app, alice).delete('/api/now-playing');
    expect((await bobSocket.next('now-playing.stopped')).reason).toBe('stopped');
    bobSocket.close();
  });

  it('a graph change made on instance 2 applies to the very next play submitted to instance 1 (cached audience)', async () => {
    const url2 = await urlOf(instances[1].app);
    const bobSocket = await listenAs(url2, bob);
    await as(instances[0].app, alice).post('/api/now-playing', play('Cached', 'One'));
    await bobSocket.next('now-playing.updated', (e) => e.playing.title === 'Cached');
    expect(instances[0].container.nowPlaying.audienceCache.size()).toBe(1);
    // carol joins through instance 2 with alice's number in her book; alice hides bob there too.
    const carol = await signup(instances[1].app, 'carol');
    await associate(instances[1].app, carol, PHONES[3], [PHONES[1]]);
    await verifyPhones(instances[1].app, alice, carol);
    const carolSocket = await listenAs(url2, carol);
    await as(instances[1].app, alice).patch('/api/now-playing/settings', { hidden: [bob.id] });
    await as(instances[0].app, alice).post('/api/now-playing', play('After the change', 'One'));
    await carolSocket.next('now-playing.updated', (e) => e.playing.title === 'After the change');
    await as(instances[1].app, alice).patch('/api/now-playing/settings', { hidden: [] });
    await as(instances[0].app, alice).post('/api/now-playing', play('Unhidden', 'One'));
    // One socket receives in order. Unhiding pushes the current play to bob once; had the submission
    // used the stale cached audience, bob would have received "After the change" twice.
    await bobSocket.next('now-playing.updated', (e) => e.playing.title === 'Unhidden');
    const titles = bobSocket.events.filter((e) => e.name === 'now-playing.updated').map((e) => e.payload.playing.title);
    expect(titles.slice(titles.indexOf('Cached'))).toEqual(['Cached', 'After the change', 'Unhidden']);
    expect(bobSocket.events.find((e) => e.name === 'now-playing.stopped')?.payload.reason).toBe('hidden');
    await as(instances[0].app, alice).delete('/api/now-playing');
    bobSocket.close();
    carolSocket.close();
  });

  it('an expiry timer on instance 1 never removes a newer play submitted to instance 2', async () => {
    const bobSocket = await listenAs(await urlOf(instances[1].app), bob);
    await as(instances[0].app, alice).post('/api/now-playing', play('Short', 'One', { duration_ms: 61_000, position_ms: 60_000 }));
    await as(instances[1].app, alice).post('/api/now-playing', play('Long', 'Two', { duration_ms: 600_000 }));
    await bobSocket.next('now-playing.updated', (e) => e.playing.title === 'Long');
    // Instance 1's timer fires and finds a newer version: nothing to expire. Instance 2's own timer for
    // "Long" is far away, so a stop now can only come from the DELETE below.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (instances[0].container.nowPlaying.timers.size() === 0) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    expect((await as(instances[1].app, bob).get('/api/now-playing/friends')).json().friends[0].playing.title).toBe('Long');
    await as(instances[1].app, alice).delete('/api/now-playing');
    expect((await bobSocket.next('now-playing.stopped')).reason).toBe('stopped');
    expect(bobSocket.events.filter((e) => e.name === 'now-playing.stopped').map((e) => e.payload.reason)).toEqual(['stopped']);
    bobSocket.close();
  });
});
