import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';
import type { AbuseFixtures, Principal } from './abuse-fixtures.js';
import { ROUTES, type Body, type RouteCase } from './abuse-routes.js';
import { multipart } from './photos.js';

// What the abuse walks share: the operations of the committed openapi.json (plus the hidden ones of the
// table), each principal's credential, and one call of an operation as a principal.
const OPENAPI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../openapi.json');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Every operation of openapi.json, as "METHOD /path/{param}". */
export const documented = Object.entries(
  JSON.parse(fs.readFileSync(OPENAPI, 'utf8')).paths as Record<string, Record<string, unknown>>,
).flatMap(([p, ops]) => METHODS.filter((m) => ops[m]).map((m) => `${m.toUpperCase()} ${p}`));
const hidden = Object.keys(ROUTES).filter((op) => ROUTES[op].hidden);
/** The documented operations and the table's hidden ones (registered with `hide: true`). */
export const operations = [...documented, ...hidden];

/** One call made by a walk and its answer. */
export interface Call {
  op: string;
  principal: Principal;
  url: string;
  sent: string;
  res: LightMyRequestResponse;
}

/** The principal's credential: none, mallory's cookie, the guest's token as a Bearer (it must open nothing), alice's cookie. */
export const credentials = (fx: AbuseFixtures, p: Principal): Record<string, string> =>
  ({
    anonymous: {},
    other: { cookie: fx.other.cookie },
    guest: { authorization: `Bearer ${fx.guestToken}` },
    owner: { cookie: fx.owner.cookie },
  })[p];

export async function encode(
  body: Body | undefined,
): Promise<{ payload?: string | Buffer; headers: Record<string, string>; sent: string }> {
  if (!body) return { headers: {}, sent: '' };
  if ('json' in body) {
    const text = JSON.stringify(body.json);
    return { payload: text, headers: { 'content-type': 'application/json' }, sent: text };
  }
  if ('raw' in body) return { payload: body.raw, headers: { 'content-type': body.type }, sent: body.raw };
  const form = await multipart(body.multipart, body.fields ?? {});
  return { payload: form.payload, headers: form.headers, sent: JSON.stringify(body.fields ?? {}) };
}

/**
 * Calls `op` as `principal` with the table's parameters, query and body; `swap` may change the path
 * parameters, `change` the query and body, before the request is made; `headers` are sent as well.
 */
export async function call(
  t: TestApp,
  fx: AbuseFixtures,
  op: string,
  c: RouteCase,
  principal: Principal,
  swap: (params: Record<string, string | number>) => Record<string, string | number> = (x) => x,
  change: (input: { query?: Record<string, string>; body?: Body }) => { query?: Record<string, string>; body?: Body } = (x) => x,
  extra: Record<string, string> = {},
): Promise<Call> {
  const [method, template] = op.split(' ') as [string, string];
  const params = swap(c.params?.(fx, principal) ?? {});
  const input = change({ query: c.query?.(fx, principal), body: c.body?.(fx, principal) });
  let url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${op}: no value for path parameter ${name}`);
    return encodeURIComponent(String(params[name]));
  });
  if (input.query) url += `?${new URLSearchParams(input.query)}`;
  const { payload, headers, sent } = await encode(input.body);
  const auth = c.auth?.(fx, principal) ?? credentials(fx, principal);
  const res = await t.app.inject({ method: method as 'GET', url, payload, headers: { ...headers, ...auth, ...extra } });
  return { op, principal, url, sent, res };
}
