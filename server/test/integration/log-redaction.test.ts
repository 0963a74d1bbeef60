import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/http-app.js';
import { loggerOptions } from '../../src/http/log-redact.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';
import { md5, signLastfm } from '../helpers/now-playing.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

// The info log held the password of a GET auth.getMobileSession and the full token of GET /1/validate-token?token=….
// Here the server's own logger (loggerOptions, as main.ts builds it) writes to a stream during real requests.
describe.each(engines)('what the log keeps of credentials on %s', (engine) => {
  let t: TestApp;
  let app: FastifyInstance;
  let alice: TestUser;
  let lines: string[];
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    lines = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await buildApp(t.container, { loggerInstance: pino(loggerOptions('debug'), sink), serveWeb: false });
    await app.ready();
    alice = await signup(app, 'alice');
    token = (await as(app, alice).post('/api/now-playing/scrobbler-token', { name: 'player' })).json().token;
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('redacts password, token, api_sig, sk, s and a in query strings, and logs no body', async () => {
    const { lastfm } = (await as(app, alice).get('/api/now-playing/connect')).json();
    const get = signLastfm(
      { method: 'auth.getMobileSession', username: 'alice', password: 'password123', api_key: lastfm.api_key },
      lastfm.shared_secret,
    );
    await app.inject({ method: 'GET', url: `/2.0/?${new URLSearchParams(get)}` });
    const post = signLastfm(
      { method: 'auth.getMobileSession', username: 'alice', password: 'password123', api_key: lastfm.api_key },
      lastfm.shared_secret,
    );
    const session = await app.inject({
      method: 'POST',
      url: '/2.0/',
      headers: form,
      payload: new URLSearchParams({ ...post, format: 'json' }).toString(),
    });
    const sk: string = session.json().session.key;
    await app.inject({ method: 'GET', url: `/1/validate-token?token=${token}` });
    const ts = String(Math.floor(Date.now() / 1000));
    const a = md5(md5(token) + ts);
    const hs = await app.inject({ method: 'GET', url: `/audioscrobbler/?hs=true&p=1.2&c=tst&v=1&u=alice&t=${ts}&a=${a}` });
    const s = hs.body.split('\n')[1];
    await app.inject({
      method: 'GET',
      url: `/audioscrobbler/?hs=true&p=1.2.1&c=tst&v=1&u=alice&t=${ts}&a=${a}&api_key=${lastfm.api_key}&sk=${sk}`,
    });
    await app.inject({ method: 'POST', url: '/audioscrobbler/np', headers: form, payload: `s=${s}&a=Artist&t=Track` });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'password123' } });
    await as(app, alice).post('/api/me/password', { currentPassword: 'password123', newPassword: 'password456' });

    expect(sk).toMatch(/^kith_/);
    expect(s).toMatch(/\S{20,}/);
    const log = lines.join('\n');
    expect(log).toContain('/2.0/?method=auth.getMobileSession');
    expect(log).toContain('/1/validate-token?token=[redacted]');
    expect(log).toContain('/audioscrobbler/np');
    for (const secret of ['password123', 'password456', token, sk, s, a, get.api_sig, post.api_sig]) expect(log).not.toContain(secret);
    expect(log).toMatch(/password=\[redacted\]/);
  });
});
