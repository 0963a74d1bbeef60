import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from '../helpers/test-app.js';
import { buildAbuseFixtures, PRINCIPALS, type AbuseFixtures } from '../helpers/abuse-fixtures.js';
import { ROUTES, type RouteCase } from '../helpers/abuse-routes.js';
import { call, documented, operations, type Call } from '../helpers/abuse-call.js';

// Abuse and authorisation (docs/architecture.md): every operation of the committed openapi.json, called as
// anonymous, another user, an exchange guest and the owner, against the owner's real resources.

/**
 * Every route Fastify actually serves, as "METHOD /path/{param}", read from `printRoutes()`'s tree
 * (each level indents 4 characters; a segment is appended to its parent's path). HEAD and OPTIONS
 * (added by Fastify and CORS) and the OpenAPI viewer under /api/docs are left out.
 */
function servedRoutes(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ├└─]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line) ?? /^([│ ├└─]*)(\S.*)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const route = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD' && x !== 'OPTIONS'))
      if (!route.startsWith('/api/docs')) out.push(`${method} ${route}`);
  }
  return out;
}

/** An id of the same shape that names nothing: a UUID, a share id (16 base64url characters), an event marker. */
const lookalike = (v: string, fx: AbuseFixtures) =>
  v === fx.marker
    ? 'no-such-event'
    : /^[0-9a-f-]{36}$/.test(v)
      ? crypto.randomUUID()
      : crypto.randomBytes(v.length).toString('base64url').slice(0, v.length);

const allowed = (want: number | readonly number[], got: number) => (typeof want === 'number' ? want === got : want.includes(got));

/** What is wrong with one answer: unexpected status, wrong stable code, a stack trace, or another account's ids/secrets. */
function problems(fx: AbuseFixtures, c: RouteCase, call: Call): string[] {
  const out: string[] = [];
  const { res, principal } = call;
  const where = `${call.op} as ${principal} (${call.url})`;
  const line = c.answer?.[principal];
  if (line && !line.test(res.body.split('\n')[0]))
    out.push(`${where}: first line ${JSON.stringify(res.body.split('\n')[0])}, expected ${line}`);
  if (!allowed(c.expect[principal], res.statusCode))
    out.push(`${where}: got ${res.statusCode}, expected ${JSON.stringify(c.expect[principal])}: ${res.body.slice(0, 200)}`);
  if (!c.protocol && (res.statusCode === 401 || res.statusCode === 404) && call.op !== 'GET /s/{id}') {
    const code = res.statusCode === 401 ? 'unauthorized' : 'not_found';
    const body = (() => {
      try {
        return res.json();
      } catch {
        return undefined;
      }
    })();
    if (body?.code !== code) out.push(`${where}: ${res.statusCode} without code \`${code}\`: ${res.body.slice(0, 200)}`);
  }
  if (/\bat .+\.(ts|js):\d+/.test(res.body)) out.push(`${where}: stack trace in the answer`);
  if (principal !== 'owner') {
    const leaked = fx.secrets.filter((s) => res.body.includes(s) && !call.url.includes(encodeURIComponent(s)) && !call.sent.includes(s));
    // The guest sees its own exchange, which carries its id and token.
    const own = principal === 'guest' ? [fx.exchange.id, fx.freshExchange.id, fx.guestEndsExchange.id] : [];
    const real = leaked.filter((s) => !own.includes(s));
    if (real.length) out.push(`${where}: answer names the owner's ${real.join(', ')}`);
  }
  return out;
}

describe.each(engines)('abuse: every route × {anonymous, other user, guest, owner} (%s)', (engine) => {
  let t: TestApp;
  let fx: AbuseFixtures;
  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: false });
    fx = await buildAbuseFixtures(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('classifies every operation of openapi.json, and nothing that is not there', () => {
    const unclassified = operations
      .filter((op) => !ROUTES[op])
      .map((op) => `route ${op} is not classified: add it to the table in server/test/helpers/abuse-routes.ts`);
    const stale = Object.keys(ROUTES)
      .filter((op) => !operations.includes(op) && !ROUTES[op].announced)
      .map((op) => `${op} is in the table but not in openapi.json: remove it`);
    expect([...unclassified, ...stale]).toEqual([]);
  });

  it('serves no route that is neither in openapi.json nor in the table as hidden', () => {
    const served = servedRoutes(t.app.printRoutes({ commonPrefix: false }));
    expect(served.length).toBeGreaterThan(documented.length / 2); // the tree was read
    expect(served.filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('answers each principal as the table says, with stable codes, no stack traces and no leaked ids', async () => {
    const ops = operations.filter((op) => ROUTES[op]);
    const ordered = [...ops.filter((op) => !ROUTES[op].late), ...ops.filter((op) => ROUTES[op].late)];
    const calls: Call[] = [];
    const found: string[] = [];
    let ghosts = 0;
    for (const op of ordered)
      for (const principal of PRINCIPALS) {
        const done = await call(t, fx, op, ROUTES[op], principal);
        calls.push(done);
        found.push(...problems(fx, ROUTES[op], done));
        // Existence must not leak: another user's resource answers exactly as one that does not exist.
        if (principal === 'other' && done.res.statusCode === 404 && ROUTES[op].params) {
          const swapped: Record<string, string> = {};
          const ghost = await call(t, fx, op, ROUTES[op], principal, (params) =>
            Object.fromEntries(
              Object.entries(params).map(([k, v]) => {
                if (typeof v !== 'string' || !(fx.secrets.includes(v) || v === fx.marker)) return [k, v];
                return [k, (swapped[v] = lookalike(v, fx))];
              }),
            ),
          );
          ghosts++;
          const unswap = (body: string) => Object.entries(swapped).reduce((b, [real, fake]) => b.replaceAll(fake, real), body);
          if (ghost.res.statusCode !== 404 || unswap(ghost.res.body) !== done.res.body)
            found.push(
              `${op} as other: ${done.res.statusCode} ${done.res.body} differs from a missing one: ${ghost.res.statusCode} ${ghost.res.body}`,
            );
        }
      }
    await t.container.jobs.drain();

    // Figures for the closing note: how many calls each principal made, by status.
    const counts: Record<string, Record<string, number>> = {};
    for (const c of calls) {
      const row = (counts[c.principal] ??= {});
      row[c.res.statusCode] = (row[c.res.statusCode] ?? 0) + 1;
    }
    console.table(counts);
    if (process.env.ABUSE_WALK_VERBOSE)
      for (const op of ordered)
        console.log(
          op.padEnd(55),
          PRINCIPALS.map((p) => `${p}=${calls.find((c) => c.op === op && c.principal === p)!.res.statusCode}`).join(' '),
        );
    console.log(
      `abuse walk (${engine}): ${ops.length} operations × ${PRINCIPALS.length} principals = ${calls.length} calls, ${ghosts} other-user 404s identical to a missing id's, ${found.length} problems`,
    );
    expect(found).toEqual([]);

    // No write by someone else reached the owner's data: their bodies say "by other", "by guest"…
    const a = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: fx.owner.cookie } });
    const owners = await Promise.all(
      [
        '/api/me',
        `/api/contacts/${fx.contactId}`,
        `/api/albums/${fx.albumId}`,
        '/api/albums',
        '/api/events',
        `/api/assets/${fx.assetId}`,
        `/api/people/${fx.personId}`,
        '/api/people',
        '/api/exchanges/reports',
        '/api/exchanges/settings',
      ].map(a),
    );
    for (const res of owners) expect(res.statusCode, res.body).toBe(200);
    const foreign = owners.flatMap((res) => res.body.match(/by[ -](anonymous|other|guest)/g) ?? []);
    expect(foreign.filter((w) => !w.endsWith('guest') || !/report by guest/.test(owners[8].body))).toEqual([]);
  }, 180_000);
});
