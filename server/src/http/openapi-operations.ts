/**
 * Names every OpenAPI operation (`operationId`, OpenAPI 3.1 §4.8.10) so the generated SDK has one named method per
 * endpoint (`kith.op.listContacts()`), and gives the document its `servers` entry.
 *
 * Ids are derived from the route, not written in 150 route files: a route added tomorrow gets a name without anyone
 * remembering to add one. A route may still set `schema.operationId` itself; {@link OPERATION_ID_OVERRIDES} renames
 * the few whose derived name reads badly. Names are stable: they depend only on the method and the path.
 */

/** The methods OpenAPI lists as operations of a path item. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Path segments that name an action (`POST /api/exchanges/{id}/accept` → `acceptExchange`). */
const ACTIONS = new Set([
  'accept', 'block', 'confirm', 'decline', 'dismiss', 'end', 'export', 'import', 'join', 'login', 'logout',
  'merge', 'reindex', 'report', 'save', 'send', 'share', 'signup', 'split', 'upload', 'verify',
]); // prettier-ignore

/** Plural-looking words that are not plurals (`GET /api/inbox/settings` is `getInboxSettings`, not a list). */
const NOT_PLURAL = new Set(['settings', 'status']);

/**
 * Names chosen by hand, keyed `METHOD /path` (OpenAPI path template): where the derived name would be vague
 * (`/api/assets/{id}/{kind}`), collide, or name a third-party protocol (ListenBrainz, Last.fm compatibility).
 */
export const OPERATION_ID_OVERRIDES: Readonly<Record<string, string>> = {
  'POST /api/auth/signup': 'signup',
  'POST /api/auth/login': 'login',
  'POST /api/auth/logout': 'logout',
  'POST /api/me/password': 'changePassword',
  'POST /api/me/sessions/end-others': 'endOtherSessions',
  'POST /api/me/email-verification': 'sendEmailVerification',
  'POST /api/admin/accounts/{username}/email-verification': 'setAccountEmailVerified',
  'POST /api/admin/accounts/{username}/phone-verified': 'setAccountPhoneVerified',
  'GET /verify-email': 'verifyEmailPage',
  'GET /api/me/reference-faces/{id}/image': 'getReferenceFaceImage',
  'PUT /api/contacts/{id}/photo': 'setContactPhoto',
  'GET /api/contacts/export': 'exportContacts',
  'GET /api/contacts/link-questions': 'listLinkQuestions',
  'POST /api/contacts/{id}/link-questions/{accountId}': 'answerLinkQuestion',
  'POST /api/assets': 'uploadAssets',
  'POST /api/assets/exists': 'checkExistingAssets',
  'GET /api/assets/timeline-buckets': 'getTimelineBuckets',
  'POST /api/assets/bulk-update': 'updateAssets',
  'DELETE /api/assets': 'trashAssets',
  'POST /api/assets/deletion-impact': 'getDeletionImpact',
  'GET /api/trash': 'listTrash',
  'POST /api/trash/restore': 'restoreTrash',
  'POST /api/trash/empty': 'emptyTrash',
  'DELETE /api/trash': 'deleteTrashedAssets',
  'DELETE /api/trash/{id}': 'deleteTrashedAsset',
  'GET /api/assets/{id}/{kind}': 'getAssetImage',
  'POST /api/albums/{id}/assets': 'addAlbumAssets',
  'DELETE /api/albums/{id}/assets': 'removeAlbumAssets',
  'GET /api/albums/shared': 'listSharedAlbums',
  'POST /api/assets/{id}/markers': 'addAssetMarker',
  'DELETE /api/assets/{id}/markers/{marker}': 'removeAssetMarker',
  'GET /api/faces/{id}/thumbnail': 'getFaceThumbnail',
  'GET /api/region-shares/targets': 'listRegionShareTargets',
  'POST /api/region-shares/upload': 'uploadRegionShare',
  'PUT /api/connectors/mastodon': 'setMastodonConnector',
  'PUT /api/connectors/webhook': 'setWebhookConnector',
  'POST /api/albums/{id}/members': 'inviteAlbumMember',
  'PATCH /api/albums/{id}/members/{accountId}': 'setAlbumMemberRole',
  'DELETE /api/albums/{id}/members/{accountId}': 'removeAlbumMember',
  'GET /api/albums/{id}/links': 'listAlbumLinks',
  'POST /api/albums/{id}/links': 'createAlbumLink',
  'GET /api/album-links': 'listMyAlbumLinks',
  'PATCH /api/album-links/{linkId}': 'updateAlbumLink',
  'DELETE /api/album-links/{linkId}': 'revokeAlbumLink',
  'GET /l/{key}': 'getPublicAlbumPage',
  'GET /api/l/{key}': 'getPublicAlbum',
  'POST /api/l/{key}/unlock': 'unlockPublicAlbum',
  'GET /api/l/{key}/assets/{assetId}/{kind}': 'getPublicAlbumImage',
  'POST /api/l/{key}/assets': 'uploadToPublicAlbum',
  'POST /api/carddav/books': 'connectCarddavBook',
  'POST /api/carddav/books/{id}/sync': 'syncCarddavBook',
  'POST /api/carddav/conflicts/{id}/resolve': 'resolveCarddavConflict',
  'GET /s/{id}': 'getSharePage',
  'GET /s/{id}/image.png': 'getShareImage',
  'GET /embed/region-share.js': 'getEmbedScript',
  'GET /embed/relay': 'getEmbedRelay',
  'GET /.well-known/kith-inbox': 'getInboxDiscovery',
  'POST /inbox/{account}': 'deliverToInbox',
  'GET /.well-known/kith-keys/{username}': 'getPublicSigningKeys',
  'GET /api/inbox': 'listInbox',
  'GET /api/inbox/dropped': 'listDroppedInbox',
  'GET /api/routing/deliveries/{id}/evidence-image': 'getDeliveryEvidenceImage',
  'GET /api/assets/{id}/deliveries': 'listAssetDeliveries',
  'PUT /api/now-playing/association': 'setNowPlayingAssociation',
  'POST /api/now-playing': 'setNowPlaying',
  'DELETE /api/now-playing': 'clearNowPlaying',
  'GET /api/now-playing/connect': 'getNowPlayingConnect',
  'POST /api/now-playing/confirmations': 'confirmNowPlaying',
  'POST /api/me/phone/code': 'sendPhoneCode',
  'POST /api/me/phone/verify': 'verifyPhone',
  'DELETE /api/me/phone/notice': 'dismissPhoneNotice',
  'POST /1/submit-listens': 'listenBrainzSubmitListens',
  'GET /1/validate-token': 'listenBrainzValidateToken',
  'GET /1/user/{name}/playing-now': 'listenBrainzPlayingNow',
  'GET /2.0/': 'lastfmGet',
  'POST /2.0/': 'lastfmPost',
  'GET /2.0': 'lastfmGetNoSlash',
  'POST /2.0': 'lastfmPostNoSlash',
  'GET /api/exchanges/reports': 'listExchangeReports',
  'GET /api/exchanges/{id}/rounds/{n}/{which}': 'getExchangeRoundImage',
  'POST /api/exchanges/{id}/rounds/{n}/{which}/save': 'saveExchangeRoundImage',
  'GET /api/guest/exchanges/{token}/rounds/{n}/{which}': 'getGuestExchangeRoundImage',
};

const pascal = (segment: string): string =>
  segment
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

function singular(word: string): string {
  if (word === 'People') return 'Person';
  if (NOT_PLURAL.has(word.toLowerCase())) return word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const isPlural = (segment: string): boolean => singular(pascal(segment)) !== pascal(segment);

/**
 * The derived id of `method path` (path as an OpenAPI template, `{id}` for parameters): a verb, then the resource
 * words, a word before a parameter in the singular. `GET /api/contacts` → `listContacts`, `GET /api/contacts/{id}/photo`
 * → `getContactPhoto`, `POST /api/region-shares` → `createRegionShare`, `POST /api/people/{id}/merge` → `mergePerson`.
 * `api` and `me` are dropped (`GET /api/me/tokens` → `listTokens`) unless nothing else is left (`getMe`).
 */
export function deriveOperationId(method: string, path: string): string {
  const override = OPERATION_ID_OVERRIDES[`${method.toUpperCase()} ${path}`];
  if (override) return override;
  const segments = path.split('/').filter(Boolean);
  if (segments[0] === 'api') segments.shift();
  const words: string[] = [];
  for (const segment of segments) {
    if (segment.startsWith('{')) {
      if (words.length) words[words.length - 1] = singular(words[words.length - 1]!);
    } else words.push(pascal(segment));
  }
  const last = segments[segments.length - 1] ?? '';
  const lastIsParam = last.startsWith('{');
  const m = method.toLowerCase();
  let verb: string;
  if (m === 'post' && ACTIONS.has(last)) {
    verb = last;
    words.pop();
  } else if (m === 'get') verb = !lastIsParam && isPlural(last) ? 'list' : 'get';
  else if (m === 'post') {
    verb = 'create';
    if (!lastIsParam && words.length) words[words.length - 1] = singular(words[words.length - 1]!);
  } else if (m === 'put' || m === 'patch') verb = 'update';
  else if (m === 'delete') verb = 'delete';
  else verb = m;
  const resource = words.length > 1 ? words.filter((w) => w !== 'Me') : words;
  return verb + resource.join('');
}

/** A document as `@fastify/swagger` builds it, only as far as this module reads and writes it. */
interface OpenApiDoc {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], { operationId?: string }>> | undefined>;
  servers?: { url: string; description?: string }[];
  [key: string]: unknown;
}

/**
 * Gives every operation of `doc` an `operationId` (a route's own `schema.operationId` is kept) and returns `doc`.
 * Ids are unique: when a derived id is taken already, the later operation (in path order) gets the full form,
 * method plus every segment (`getExchangesByIdRoundsByN`), so a new route never breaks the build or renames an old one.
 */
export function nameOperations<T extends OpenApiDoc>(doc: T): T {
  const taken = new Set<string>();
  const unnamed: { op: { operationId?: string }; method: string; path: string }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      if (op.operationId) taken.add(op.operationId);
      else unnamed.push({ op, method, path });
    }
  }
  for (const { op, method, path } of unnamed) {
    let id = deriveOperationId(method, path);
    if (taken.has(id)) {
      const full = path
        .split('/')
        .filter(Boolean)
        .map((s) => (s.startsWith('{') ? 'By' + pascal(s) : pascal(s)));
      id = method + full.join('');
      for (let n = 2; taken.has(id); n++) id = `${method}${full.join('')}${n}`;
    }
    op.operationId = id;
    taken.add(id);
  }
  return doc;
}

/**
 * The `servers` entry: the instance that serves the document. Relative, so Swagger UI at `/api/docs` calls the same
 * origin whatever the public URL is; SDK clients pass their own `baseUrl`.
 */
export const OPENAPI_SERVERS = [{ url: '/', description: 'this Kith instance' }];
