/**
 * The CardDAV wire (RFC 6352 over WebDAV, RFC 4918; sync per RFC 6578), through `tsdav`.
 *
 * Why tsdav: it is the maintained TypeScript CardDAV/CalDAV client on npm (2.3.x, two small
 * dependencies: xml-js and debug; ~170k weekly downloads), it builds the PROPFIND / REPORT bodies and
 * parses multistatus answers for us, and it takes a `fetch` of our own, so every request goes through
 * the SSRF guard (`dav-fetch.ts`). Measured against Radicale 3 in the integration test: a sync of 3
 * cards is 3 requests (sync-collection, multiget; PROPFIND at connect). Only its request-level
 * functions are used; its `smartCollectionSync` keeps the objects in memory, which Kith keeps in SQL.
 */
import { addressBookMultiGet, createAccount, fetchAddressBooks, propfind, syncCollection, type DAVResponse } from 'tsdav';
import { AppError, errors } from '../common/errors.js';

export interface DavCredentials {
  username: string;
  password: string;
}

export interface RemoteBook {
  /** The address-book collection URL (ends with "/"). */
  url: string;
  displayName: string | null;
}

export interface RemoteChanges {
  /** Cards added or changed (or every card, when `complete`), with their current ETag. */
  changed: Array<{ href: string; etag: string | null }>;
  /** Hrefs the server reported removed (RFC 6578 §3.5.2: a response of status 404). */
  deleted: string[];
  /** True when `changed` lists the whole book (first sync, or a listing without sync-collection): any other known card is gone. */
  complete: boolean;
  /** The new RFC 6578 sync token; null when the server has none. */
  syncToken: string | null;
}

export interface RemoteCard {
  href: string;
  etag: string | null;
  data: string;
}

const MULTIGET_BATCH = 50;

const authHeaders = (c: DavCredentials) => ({
  authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`,
});
const str = (v: unknown): string | null => (v == null ? null : typeof v === 'object' ? null : String(v));
/** Hrefs compared and stored as the path the server names them by. */
export const hrefPath = (href: string, base: string) => new URL(href, base).pathname;

/** 422 `carddav_auth` on 401/403, 502 `carddav_error` on any other failure status. */
function failure(url: string, status: number, what: string): AppError {
  if (status === 401 || status === 403)
    return errors.unprocessable(
      'carddav_auth',
      `The CardDAV server at ${new URL(url).host} refused the user name or password (HTTP ${status}). Check them; iCloud, Fastmail and Google need an app password.`,
      { url, status },
    );
  return errors.badGateway('carddav_error', `The CardDAV server answered HTTP ${status} to ${what} at ${url}.`, { url, status });
}

/** Throws on a whole-request failure (an answer that is no multistatus); per-href statuses are the caller's. */
function check(res: DAVResponse[], url: string, what: string): DAVResponse[] {
  const whole = res.length === 1 && !res[0].ok && !res[0].props ? res[0] : undefined;
  if (whole) throw failure(url, whole.status, what);
  return res;
}

/**
 * A CardDAV client over `fetch` (the guarded one in production and tests).
 * @throws from every method: 422 `carddav_auth`, 502 `carddav_error`, and the SSRF guard's errors.
 */
export function createCardDavClient(fetch: typeof globalThis.fetch) {
  const props = (url: string, creds: DavCredentials, depth: '0' | '1', p: Record<string, object>) =>
    propfind({ url, props: p, depth, headers: authHeaders(creds), fetch }).then((r) => check(r, url, 'PROPFIND'));

  return {
    /**
     * The address book at `url`: the URL itself when it is an address-book collection, else the first
     * address book found by discovery from it (RFC 6764 well-known URI, principal, addressbook-home-set).
     * @throws 422 `carddav_no_address_book` when neither finds one.
     */
    async discover(url: string, creds: DavCredentials): Promise<RemoteBook> {
      const [self] = await props(url, creds, '0', { 'd:resourcetype': {}, 'd:displayname': {} });
      const type = self?.props?.resourcetype as Record<string, unknown> | undefined;
      if (self?.ok && type && 'addressbook' in type)
        return { url: url.endsWith('/') ? url : `${url}/`, displayName: str(self.props?.displayname) };
      try {
        const account = await createAccount({
          account: { serverUrl: url, accountType: 'carddav', credentials: creds },
          headers: authHeaders(creds),
          fetch,
        });
        const books = await fetchAddressBooks({ account, headers: authHeaders(creds), fetch });
        if (books[0]) return { url: books[0].url, displayName: str(books[0].displayName) };
      } catch (e) {
        if (e instanceof AppError) throw e;
      }
      throw errors.unprocessable(
        'carddav_no_address_book',
        `No CardDAV address book was found at ${url}. Paste the address book's own URL (e.g. https://cloud.example/remote.php/dav/addressbooks/users/me/contacts/).`,
        { url },
      );
    },

    /**
     * What changed since `syncToken` (RFC 6578 sync-collection, depth 1, sync-level 1). Without a token,
     * or when the server refuses the token (expired: 403/409 valid-sync-token) or has no sync-collection,
     * the whole book is listed with its ETags (PROPFIND depth 1) and `complete` is true.
     */
    async changes(bookUrl: string, syncToken: string | null, creds: DavCredentials): Promise<RemoteChanges> {
      const base = hrefPath(bookUrl, bookUrl);
      const res = await syncCollection({
        url: bookUrl,
        props: { 'd:getetag': {} },
        syncLevel: 1,
        syncToken: syncToken ?? '',
        headers: { ...authHeaders(creds), depth: '0' },
        fetch,
      });
      // A failure of the whole request comes back as one entry without props; per-href entries always carry them.
      const whole = res.length === 1 && !res[0].props ? res[0] : undefined;
      if (!whole || whole.ok) {
        const items = res.filter((r) => r.href && hrefPath(r.href, bookUrl) !== base);
        return {
          changed: items.filter((r) => r.status !== 404).map((r) => ({ href: hrefPath(r.href!, bookUrl), etag: str(r.props?.getetag) })),
          deleted: items.filter((r) => r.status === 404).map((r) => hrefPath(r.href!, bookUrl)),
          complete: !syncToken,
          syncToken: str((res[0]?.raw as { multistatus?: { syncToken?: unknown } } | undefined)?.multistatus?.syncToken),
        };
      }
      if (whole.status === 401) throw failure(bookUrl, whole.status, 'REPORT sync-collection');
      const list = await props(bookUrl, creds, '1', { 'd:getetag': {}, 'd:resourcetype': {} });
      const cards = list.filter((r) => r.href && hrefPath(r.href, bookUrl) !== base && r.ok);
      return {
        changed: cards.map((r) => ({ href: hrefPath(r.href!, bookUrl), etag: str(r.props?.getetag) })),
        deleted: [],
        complete: true,
        syncToken: null,
      };
    },

    /** The cards at `hrefs` with their ETags (RFC 6352 §8.7 addressbook-multiget, in batches of 50). Missing ones are left out. */
    async cards(bookUrl: string, hrefs: string[], creds: DavCredentials): Promise<RemoteCard[]> {
      const out: RemoteCard[] = [];
      for (let i = 0; i < hrefs.length; i += MULTIGET_BATCH) {
        const res = check(
          await addressBookMultiGet({
            url: bookUrl,
            props: { 'd:getetag': {}, 'card:address-data': {} },
            objectUrls: hrefs.slice(i, i + MULTIGET_BATCH),
            depth: '1',
            headers: authHeaders(creds),
            fetch,
          }),
          bookUrl,
          'REPORT addressbook-multiget',
        );
        for (const r of res) {
          const data = r.props?.addressData as unknown;
          const text = typeof data === 'object' && data && '_cdata' in data ? String((data as { _cdata: unknown })._cdata) : str(data);
          if (r.href && r.ok && text) out.push({ href: hrefPath(r.href, bookUrl), etag: str(r.props?.getetag), data: text });
        }
      }
      return out;
    },
  };
}

export type CardDavClient = ReturnType<typeof createCardDavClient>;
