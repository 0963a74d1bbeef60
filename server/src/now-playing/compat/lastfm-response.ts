import { XMLBuilder } from 'fast-xml-parser';

/**
 * Last.fm API error codes (https://www.last.fm/api/errorcodes) that Kith answers, with Last.fm's
 * messages. HTTP statuses follow what ws.audioscrobbler.com sends for them.
 */
export const LASTFM_ERRORS = {
  3: { status: 400, message: 'Invalid Method - No method with that name in this package' },
  4: { status: 403, message: 'Authentication Failed - You do not have permissions to access the service' },
  6: { status: 400, message: 'Invalid parameters - Your request is missing a required parameter' },
  9: { status: 403, message: 'Invalid session key - Please re-authenticate' },
  10: { status: 403, message: 'Invalid API key - You must be granted a valid key by last.fm' },
  13: { status: 403, message: 'Invalid method signature supplied' },
  16: { status: 503, message: 'There was a temporary error processing your request. Please try again' },
  29: { status: 429, message: 'Rate limit exceeded - Your IP has made too many requests in a short period' },
} as const;

export type LastfmErrorCode = keyof typeof LASTFM_ERRORS;

/** Thrown by handlers; the plugin's error handler renders it in the requested format. */
export class LastfmError extends Error {
  constructor(
    public readonly code: LastfmErrorCode,
    detail?: string,
  ) {
    super(detail ? `${LASTFM_ERRORS[code].message}: ${detail}` : LASTFM_ERRORS[code].message);
  }
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  suppressEmptyNode: false,
});

/**
 * Renders a body as Last.fm does. `node` uses fast-xml-parser's object form (`@_attr`, `#text`);
 * XML is wrapped in `<lfm status="ok">`, JSON drops the wrapper (Last.fm's JSON writes a text
 * element's attributes as plain keys beside `#text`, and other elements' attributes under `@attr`).
 */
export function renderOk(format: 'xml' | 'json', node: Record<string, unknown>): { type: string; body: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify(toJson(node)) };
  return { type: 'text/xml; charset=utf-8', body: xml({ lfm: { '@_status': 'ok', ...node } }) };
}

export function renderError(format: 'xml' | 'json', e: LastfmError): { status: number; type: string; body: string } {
  const status = LASTFM_ERRORS[e.code].status;
  if (format === 'json')
    return { status, type: 'application/json; charset=utf-8', body: JSON.stringify({ error: e.code, message: e.message }) };
  return {
    status,
    type: 'text/xml; charset=utf-8',
    body: xml({ lfm: { '@_status': 'failed', error: { '@_code': String(e.code), '#text': e.message } } }),
  };
}

const xml = (o: unknown) => `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(o)}`;

function toJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v !== 'object' || v === null) return v;
  // Text elements keep attributes as plain keys (`{"corrected":"0","#text":"…"}`); elements with
  // children gather them under `@attr` (`{"scrobble":…,"@attr":{"accepted":1}}`).
  const textual = '#text' in v;
  const out: Record<string, unknown> = {};
  const attrs: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k.startsWith('@_')) (textual ? out : attrs)[k.slice(2)] = val;
    else out[k] = toJson(val);
  }
  if (Object.keys(attrs).length) out['@attr'] = attrs;
  return out;
}

/** `<name corrected="0">value</name>`: Kith never corrects metadata. */
export const uncorrected = (value: string | null | undefined) => ({ '@_corrected': '0', '#text': value ?? '' });
export const notIgnored = { '@_code': '0', '#text': '' };
