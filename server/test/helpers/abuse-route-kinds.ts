import crypto from 'node:crypto';
import type { AbuseFixtures, Principal } from './abuse-fixtures.js';

/** The statuses a principal may get: one, or several when the answer depends on state (documented beside it). */
export type Want = number | readonly number[];
export type Expectation = Record<Principal, Want>;

/** A request body: JSON, raw text with its type, or multipart parts. */
export type Body =
  | { json: unknown }
  | { raw: string; type: string }
  | { multipart: Array<{ name?: string; filename: string; data: Buffer; type?: string }>; fields?: Record<string, string> };

/** How to call one operation and what each principal must get. */
export interface RouteCase {
  expect: Expectation;
  /** Path parameters, per principal (default: the same owner's resource for everyone). */
  params?: (fx: AbuseFixtures, p: Principal) => Record<string, string | number>;
  query?: (fx: AbuseFixtures, p: Principal) => Record<string, string>;
  body?: (fx: AbuseFixtures, p: Principal) => Body;
  /** Replaces the principal's credential headers (routes with their own authentication). */
  auth?: (fx: AbuseFixtures, p: Principal) => Record<string, string> | undefined;
  /** Runs after every other operation (it ends or spends a fixture). */
  late?: boolean;
  /** Errors in a protocol's own shape (ListenBrainz, Last.fm): no Kith `code` check. */
  protocol?: boolean;
  /** Why a route is public, or why a status differs from the rule. */
  why?: string;
  /** Announced by another module (may be absent from openapi.json). */
  announced?: boolean;
  /** Registered but hidden from openapi.json (`hide: true`): walked all the same. */
  hidden?: boolean;
  /** The body's first line each principal gets, for protocols that answer 200 with a refusal line. */
  answer?: Partial<Record<Principal, RegExp>>;
}

/** Private resource of the owner: anonymous and a guest 401, another user 404 (existence never leaks), the owner `ok`. */
export const mine = (ok: Want, extra: Partial<RouteCase> = {}): RouteCase => ({
  expect: { anonymous: 401, other: 404, guest: 401, owner: ok },
  ...extra,
});
/** The caller's own collection or settings: anyone logged in gets their own (`ok`); no credential → 401. */
export const self = (ok: Want, extra: Partial<RouteCase> = {}): RouteCase => ({
  expect: { anonymous: 401, other: ok, guest: 401, owner: ok },
  ...extra,
});
/** Public: the same answer for everyone, with the reason. */
export const open = (ok: Want, why: string, extra: Partial<RouteCase> = {}): RouteCase => ({
  expect: { anonymous: ok, other: ok, guest: ok, owner: ok },
  why,
  ...extra,
});
/** A guest route (token in the path): only the guest's own token works; everything else is 404. */
export const guestOnly = (ok: Want, token: (fx: AbuseFixtures) => string, extra: Partial<RouteCase> = {}): RouteCase => ({
  expect: { anonymous: 404, other: 404, guest: ok, owner: 404 },
  why: 'the token in the path is the capability (exchange guests)',
  params: (fx, p) => ({ token: guestTokenFor(fx, p, token(fx)), n: 1, which: 'requester' }),
  ...extra,
});
/** What each principal can put in a guest path: the spent invite link, a random token, the owner's exchange id, the guest's token. */
const guestTokenFor = (fx: AbuseFixtures, p: Principal, guests: string) =>
  ({ anonymous: fx.exchange.spentInvite, other: crypto.randomBytes(32).toString('base64url'), owner: fx.exchange.id, guest: guests })[p];

export const id = (pick: (fx: AbuseFixtures) => string) => (fx: AbuseFixtures) => ({ id: pick(fx) });
/**
 * A JSON body; `{who}` in a string becomes the caller (`Walked by other`), so a write that went through for
 * the wrong principal shows in the owner's data afterwards.
 */
export const json =
  (value: unknown) =>
  (_fx: AbuseFixtures, p: Principal): Body => ({ json: JSON.parse(JSON.stringify(value).replaceAll('{who}', p)) });
export const photo =
  (name = 'file') =>
  (fx: AbuseFixtures): Body => ({ multipart: [{ name, filename: 'p.jpg', data: fx.photo, type: 'image/jpeg' }] });
let seq = 0;
export const unique = (prefix: string) => `${prefix}${++seq}${crypto.randomBytes(3).toString('hex')}`;
export const regionShare = {
  pageUrl: 'http://blog.test/post/2',
  imageUrl: 'http://blog.test/p.jpg',
  imageIndex: 0,
  rect: { x: 10, y: 10, width: 100, height: 80 },
  fraction: { x: 0.01, y: 0.01, width: 0.1, height: 0.1 },
  naturalWidth: 640,
  naturalHeight: 427,
  target: 'kith',
};
export const phoneOf: Record<Principal, string> = {
  anonymous: '+4915110000101',
  other: '+4915110000102',
  guest: '+4915110000103',
  owner: '+4915110000104',
};
/** Last.fm API 2.0 with a wrong signature: a write (POST) and a log-in by GET (refused: a password never travels in a URL). */
export const lastfm = (get: boolean) =>
  open(
    get ? 400 : 403,
    get
      ? 'Last.fm methods are POST only: auth.getMobileSession by GET (a password in the URL) is Last.fm error 6 before any check'
      : "Last.fm's own auth (api_key, api_sig, sk): a session cookie or Bearer grants nothing; a bad signature is Last.fm error 13",
    lastfmCase(get),
  );
const lastfmCase = (get: boolean): Partial<RouteCase> => ({
  protocol: true,
  ...(get
    ? { query: () => ({ method: 'auth.getMobileSession', username: 'alice', password: 'password123', api_key: 'k', api_sig: '0' }) }
    : {
        body: () => ({
          raw: 'method=track.updateNowPlaying&artist=A&track=T&api_key=k&sk=s&api_sig=0',
          type: 'application/x-www-form-urlencoded',
        }),
      }),
});
