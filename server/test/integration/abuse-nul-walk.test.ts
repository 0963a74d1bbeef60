import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../src/http/error-handler.js';
import { createTestApp, engines, type TestApp } from '../helpers/test-app.js';
import { buildAbuseFixtures, type AbuseFixtures } from '../helpers/abuse-fixtures.js';
import { ROUTES, type Body } from '../helpers/abuse-routes.js';
import { call, operations } from '../helpers/abuse-call.js';

// docs/security.md "Input, files and outbound fetches": a NUL (U+0000) in any text Kith takes in is 400
// `invalid_request`, on both engines (PostgreSQL's text cannot hold it: it answered 500 on 9 routes,
// `/api/auth/login` and `/inbox/{account}` among them). Every operation of openapi.json, as its owner,
// once per text field: each path parameter, each query parameter, each string of a JSON body, the raw
// text bodies (vCard, form), each multipart field and file name, and a stray query parameter.
const NUL = 'a\u0000b';

/** One request of the walk: which field holds the NUL, and how to put it there. */
interface Variant {
  field: string;
  params?: (p: Record<string, string | number>) => Record<string, string | number>;
  change?: (input: { query?: Record<string, string>; body?: Body }) => { query?: Record<string, string>; body?: Body };
  /** A file name the route may ignore (a capture, a contact photo): only "never a 5xx" holds there. */
  ignorable?: boolean;
}

/** Every string leaf of a JSON value, as [path, replace-with-NUL]. */
function stringLeaves(value: unknown, path: string[] = []): Array<{ path: string; put: (v: unknown) => unknown }> {
  if (typeof value === 'string') return [{ path: path.join('.'), put: () => `${value}${NUL}` }];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    stringLeaves(v, [...path, k]).map((leaf) => ({
      path: leaf.path,
      put: (root: unknown) => {
        const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string, unknown>;
        copy[k] = leaf.put(copy[k]);
        return copy;
      },
    })),
  );
}

/** The variants of one operation, from the table's own request for its owner. */
function variants(fx: AbuseFixtures, op: string): Variant[] {
  const c = ROUTES[op];
  const out: Variant[] = [{ field: 'query.stray', change: (i) => ({ ...i, query: { ...i.query, stray: NUL } }) }];
  for (const name of Object.keys(c.params?.(fx, 'owner') ?? {}).filter((n) => op.includes(`{${n}}`)))
    out.push({ field: `params.${name}`, params: (p) => ({ ...p, [name]: `${p[name]}${NUL}` }) });
  for (const name of Object.keys(c.query?.(fx, 'owner') ?? {}))
    out.push({ field: `query.${name}`, change: (i) => ({ ...i, query: { ...i.query, [name]: `${i.query![name]}${NUL}` } }) });
  const body = c.body?.(fx, 'owner');
  if (body && 'json' in body)
    for (const leaf of stringLeaves(body.json))
      out.push({ field: `body.${leaf.path}`, change: (i) => ({ ...i, body: { json: leaf.put((i.body as { json: unknown }).json) } }) });
  if (body && 'raw' in body)
    out.push({
      field: 'body',
      change: (i) => ({ ...i, body: { ...(i.body as { raw: string; type: string }), raw: insertNul((i.body as { raw: string }).raw) } }),
    });
  if (body && 'multipart' in body) {
    for (const name of Object.keys(body.fields ?? {}))
      out.push({
        field: `form.${name}`,
        change: (i) => withForm(i.body, (f) => ({ ...f, fields: { ...f.fields, [name]: nulInside(f.fields![name]) } })),
      });
    body.multipart.forEach((_, n) =>
      out.push({
        field: `form.file${n}.filename`,
        ignorable: true,
        change: (i) =>
          withForm(i.body, (f) => ({ ...f, multipart: f.multipart.map((p, k) => (k === n ? { ...p, filename: `x${NUL}.jpg` } : p)) })),
      }),
    );
  }
  return out;
}

type Form = Extract<Body, { multipart: unknown }>;
const withForm = (body: Body | undefined, f: (form: Form) => Form) => ({ body: f(body as Form) });
/** A NUL inside a text: in the middle of a JSON field's first string, or at its end. */
const nulInside = (text: string) => (text.startsWith('{') ? text.replace(/":"/, `":"${'\\u0000'}`) : `${text}${NUL}`);
/** A NUL in the middle of a raw text body (the vCard's FN, a form value). */
const insertNul = (raw: string) => raw.replace(/([:=])([A-Za-z])/, `$1$2\u0000`);

describe.each(engines)('abuse: a NUL in every text field of every operation (%s)', (engine) => {
  let t: TestApp;
  let fx: AbuseFixtures;
  beforeAll(async () => {
    t = await createTestApp(engine, { faceAnalysis: false });
    fx = await buildAbuseFixtures(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers 400 `invalid_request` naming the field, never 500', async () => {
    const found: string[] = [];
    let calls = 0;
    for (const op of operations.filter((o) => ROUTES[o])) {
      const c = ROUTES[op];
      for (const v of variants(fx, op)) {
        const done = await call(t, fx, op, c, 'owner', v.params, v.change);
        calls++;
        const { statusCode: status } = done.res;
        const body = (() => {
          try {
            return done.res.json() as { code?: string };
          } catch {
            return {};
          }
        })();
        const where = `${op} ${v.field} (${done.url}): ${status} ${done.res.body.slice(0, 160)}`;
        if (status >= 500) found.push(where);
        else if (v.ignorable) {
          if (status === 400 && body.code !== 'invalid_request') found.push(where);
        } else if (c.protocol ? status < 400 || status >= 500 : status !== 400 || body.code !== 'invalid_request') found.push(where);
      }
    }
    console.log(`NUL walk (${engine}): ${calls} calls, ${found.length} problems`);
    expect(found).toEqual([]);
  }, 180_000);

  it.runIf(engine === 'postgres')('maps a NUL that reaches PostgreSQL past the guard to the same 400 (the net)', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/text', async () => sql`select ${NUL}::text as v`.execute(t.container.db));
    app.get('/jsonb', async () => sql`select ${'{"a":"\\u0000"}'}::jsonb as v`.execute(t.container.db));
    for (const url of ['/text', '/jsonb']) {
      const res = await app.inject({ url });
      expect([url, res.statusCode, res.json().code]).toEqual([url, 400, 'invalid_request']);
    }
    await app.close();
  });
});
