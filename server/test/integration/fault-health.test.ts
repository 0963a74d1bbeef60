import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from '../helpers/test-app.js';

// GET /api/health (the health check): what load balancers and the multi-instance tests wait on.
describe.each(engines)('GET /api/health on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('answers 200 { status: ok, database: ok } to anyone, without a credential', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
    // A stale cookie does not turn the probe into a 401.
    const stale = await t.app.inject({ method: 'GET', url: '/api/health', headers: { cookie: 'kith_session=gone' } });
    expect(stale.statusCode).toBe(200);
  });

  it('is not rate-limited: a probe every few seconds from many balancers never meets a 429', async () => {
    const statuses = await Promise.all(Array.from({ length: 300 }, () => t.app.inject({ method: 'GET', url: '/api/health' })));
    expect(statuses.filter((r) => r.statusCode !== 200)).toEqual([]);
  });
});
