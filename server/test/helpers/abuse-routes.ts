import { guestOnly, id, json, lastfm, mine, open, phoneOf, photo, regionShare, self, unique, type RouteCase } from './abuse-route-kinds.js';

export type { RouteCase, Body } from './abuse-route-kinds.js';

/**
 * Every operation of openapi.json, as "METHOD /path", with its expected status per principal.
 * A new route fails the walk until it is added here (no route is left unprotected by accident).
 */
export const ROUTES: Record<string, RouteCase> = {
  // accounts
  'POST /api/auth/signup': open(
    403,
    'creating an account; after the first (admin) one it needs an invite (KITH_SIGNUP=invite, the default): 403 `invite_required`',
    {
      body: () => ({ json: { username: unique('walker'), password: 'password123' } }),
    },
  ),
  'POST /api/auth/login': open(200, 'logging in', { body: () => ({ json: { username: 'bob', password: 'password123' } }) }),
  'POST /api/auth/logout': open(204, 'logging out ends whatever session the cookie names, or none', {
    late: true,
    auth: (fx, p) => (p === 'owner' ? { cookie: fx.spareOwnerCookie } : p === 'other' ? { cookie: fx.spareOtherCookie } : undefined),
  }),
  'GET /api/me': self(200),
  'PATCH /api/me': self(200, { body: json({ displayName: 'Walker' }) }),
  'GET /api/me/tokens': self(200),
  'POST /api/me/tokens': self(201, { body: json({ name: 'walk' }) }),
  'DELETE /api/me/tokens/{id}': mine(204, { params: id((fx) => fx.tokenId) }),
  // Settings → Security: the same password again, so nothing changes but the other sessions ending (hence late).
  'POST /api/me/password': self(200, { body: json({ currentPassword: 'password123', newPassword: 'password123' }), late: true }),
  'GET /api/me/sessions': self(200),
  'POST /api/me/sessions/end-others': self(200, { late: true }),
  'POST /api/invites': { expect: { anonymous: 401, other: 403, guest: 401, owner: 201 }, why: 'admins only (403 `admin_only` for others)' },
  'GET /api/me/email-verification': self(200),
  'POST /api/me/email-verification': self(400, { why: 'the walk’s accounts have no e-mail (400 `no_email`) and no SMTP' }),
  'POST /api/email-verification/confirm': open(
    400,
    'the token from the e-mailed link is the proof; an unknown one is 400 `invalid_token`',
    {
      body: json({ token: 'x'.repeat(43) }),
    },
  ),
  'GET /verify-email': open(400, 'the HTML page the e-mailed link opens; an unknown token says why in the page', {
    query: () => ({ token: 'x'.repeat(43) }),
    protocol: true,
  }),
  'POST /api/admin/accounts/{username}/email-verification': {
    expect: { anonymous: 401, other: 403, guest: 401, owner: 400 },
    params: () => ({ username: 'bob' }),
    why: 'admins only (403 `admin_only`); bob has no e-mail, so the admin gets 400 `no_email`',
  },
  'POST /api/me/reference-faces': self([201, 422], { body: photo(), why: 'face analysis is off in the walk' }),
  'GET /api/me/reference-faces': self(200),
  'GET /api/me/reference-faces/{id}/image': mine(200, { params: id((fx) => fx.refFaceId) }),
  'DELETE /api/me/reference-faces/{id}': mine(204, { params: id((fx) => fx.refFaceId), late: true }),
  // contacts
  'GET /api/contacts': self(200),
  'POST /api/contacts': self(201, { body: json({ name: 'Eve' }) }),
  'POST /api/contacts/import': self(200, {
    body: () => ({ raw: 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Frank\r\nEND:VCARD\r\n', type: 'text/vcard' }),
  }),
  'GET /api/contacts/export': self(200),
  'GET /api/contacts/link-questions': self(200),
  'GET /api/contact-groups': self(200),
  'GET /api/contact-groups/{id}': mine(404, {
    params: id(() => '00000000-0000-4000-8000-000000000000'),
    why: 'the fixtures hold no contact group (groups come from imported group cards): 404 `not_found` for the owner too',
  }),
  'POST /api/contacts/{id}/link-questions/{accountId}': mine(404, {
    params: (fx) => ({ id: fx.contactId, accountId: fx.other.id }),
    body: json({ answer: 'no' }),
    why: 'the fixtures hold no pending question: 404 `not_found` for the owner too',
  }),
  'GET /api/contacts/{id}': mine(200, { params: id((fx) => fx.contactId) }),
  'PATCH /api/contacts/{id}': mine(200, { params: id((fx) => fx.contactId), body: json({ name: 'Carol by {who}' }) }),
  'DELETE /api/contacts/{id}': mine(204, { params: id((fx) => fx.spareContactId) }),
  'GET /api/contacts/{id}/photo': mine(200, { params: id((fx) => fx.contactId) }),
  'PUT /api/contacts/{id}/photo': mine(200, { params: id((fx) => fx.contactId), body: photo() }),
  // CardDAV address books (Settings › Contacts)
  'GET /api/carddav/books': self(200),
  'POST /api/carddav/books': self(422, {
    body: json({ url: 'http://127.0.0.1:9/dav/', username: 'walker', password: 'secret' }),
    why: 'the server address is refused by the SSRF guard (422 `blocked_address`) before any network',
  }),
  'DELETE /api/carddav/books/{id}': mine(404, {
    params: id(() => '00000000-0000-4000-8000-000000000000'),
    why: 'the fixtures connect no address book (that needs a CardDAV server): 404 `not_found` for the owner too',
  }),
  'POST /api/carddav/books/{id}/sync': mine(404, {
    params: id(() => '00000000-0000-4000-8000-000000000000'),
    why: 'the fixtures connect no address book: 404 `not_found` for the owner too',
  }),
  'GET /api/carddav/conflicts': self(200),
  'POST /api/carddav/conflicts/{id}/resolve': mine(404, {
    params: id(() => '00000000-0000-4000-8000-000000000000'),
    body: json({ keep: 'kith' }),
    why: 'the fixtures hold no conflict: 404 `not_found` for the owner too',
  }),
  // assets
  'POST /api/assets': self(200, { body: photo() }),
  'GET /api/assets': self(200),
  'POST /api/assets/exists': self(200, { body: json({ checksums: ['0'.repeat(64)] }) }),
  'GET /api/assets/{id}': mine(200, { params: id((fx) => fx.assetId) }),
  'DELETE /api/assets/{id}': mine(204, { params: id((fx) => fx.spareAssetId), late: true }),
  // Favourite and archive: only the owner flags a photo; a favourite changes nothing the walk reads later.
  'GET /api/assets/{id}/place': mine(200, { params: id((fx) => fx.assetId) }),
  'PATCH /api/assets/{id}': mine(200, { params: id((fx) => fx.assetId), body: json({ favorite: true }) }),
  'POST /api/assets/bulk-update': mine(200, { body: (fx) => ({ json: { ids: [fx.assetId], favorite: true } }) }),
  'GET /api/assets/timeline-buckets': self(200),
  // The trash: the spare photo goes to the trash (late); the party photo stays in the library, so deleting it
  // "for ever from the trash" is 409 `not_in_trash` for its owner and restoring it is accepted and changes nothing.
  'DELETE /api/assets': mine(200, { body: (fx) => ({ json: { assetIds: [fx.spareAssetId] } }), late: true }),
  'POST /api/assets/deletion-impact': mine(200, { body: (fx) => ({ json: { assetIds: [fx.assetId] } }) }),
  'GET /api/trash': self(200),
  // search: only what the caller sees is searched, so every account gets 200 with its own results.
  'GET /api/search': self(200, { query: () => ({ q: 'party 2026' }) }),
  'POST /api/trash/restore': mine(200, { body: (fx) => ({ json: { assetIds: [fx.assetId] } }) }),
  'POST /api/trash/empty': self(200),
  'DELETE /api/trash': mine(409, { body: (fx) => ({ json: { assetIds: [fx.assetId] } }) }),
  'DELETE /api/trash/{id}': mine(409, { params: id((fx) => fx.assetId) }),
  'GET /api/assets/{id}/{kind}': mine(200, { params: (fx) => ({ id: fx.assetId, kind: 'original' }) }),
  // albums
  'GET /api/albums': self(200),
  'POST /api/albums': self(201, { body: json({ name: 'Mine' }) }),
  'GET /api/albums/shared': self(200),
  'GET /api/albums/{id}': mine(200, { params: id((fx) => fx.albumId) }),
  'PATCH /api/albums/{id}': mine(200, { params: id((fx) => fx.albumId), body: json({ name: 'Album by {who}' }) }),
  'DELETE /api/albums/{id}': mine(204, { params: id((fx) => fx.spareAlbumId) }),
  'POST /api/albums/{id}/assets': mine(200, { params: id((fx) => fx.albumId), body: (fx) => ({ json: { assetIds: [fx.assetId] } }) }),
  'DELETE /api/albums/{id}/assets': mine(200, { params: id((fx) => fx.albumId), body: (fx) => ({ json: { assetIds: [fx.assetId] } }) }),
  // album sharing
  'POST /api/albums/{id}/members': mine(200, { params: id((fx) => fx.albumId), body: json({ username: 'bob', role: 'viewer' }) }),
  'PATCH /api/albums/{id}/members/{accountId}': mine(200, {
    params: (fx) => ({ id: fx.albumId, accountId: fx.bob.id }),
    body: json({ role: 'contributor' }),
  }),
  'DELETE /api/albums/{id}/members/{accountId}': mine(204, { params: (fx) => ({ id: fx.albumId, accountId: fx.bob.id }), late: true }),
  'GET /api/albums/{id}/links': mine(200, { params: id((fx) => fx.albumId) }),
  'POST /api/albums/{id}/links': mine(201, { params: id((fx) => fx.albumId), body: json({ label: 'link by {who}' }) }),
  'GET /api/album-links': self(200),
  'PATCH /api/album-links/{linkId}': mine(200, { params: (fx) => ({ linkId: fx.link.id }), body: json({ label: 'label by {who}' }) }),
  'DELETE /api/album-links/{linkId}': mine(204, { params: (fx) => ({ linkId: fx.link.spareId }) }),
  'GET /l/{key}': open(200, 'the public album page: the 128-bit link key is the capability', { params: (fx) => ({ key: fx.link.key }) }),
  'GET /api/l/{key}': open(200, 'the album behind a public link', { params: (fx) => ({ key: fx.link.key }) }),
  'POST /api/l/{key}/unlock': open(400, 'a link without a password answers 400 `no_password`', {
    params: (fx) => ({ key: fx.link.key }),
    body: json({ password: 'guess' }),
  }),
  'GET /api/l/{key}/assets/{assetId}/{kind}': open(200, 'a photo of the published album', {
    params: (fx) => ({ key: fx.link.key, assetId: fx.link.assetId, kind: 'thumbnail' }),
  }),
  'POST /api/l/{key}/assets': open(200, 'uploads through a link that allows them, credited to the given name', {
    params: (fx) => ({ key: fx.link.key }),
    body: (fx) => ({ multipart: [{ filename: 'p.jpg', data: fx.link.photo, type: 'image/jpeg' }], fields: { name: 'Walker' } }),
  }),
  // events
  'GET /api/events': self(200),
  'GET /api/events/{marker}': mine(200, { params: (fx) => ({ marker: fx.marker }) }),
  'PATCH /api/events/{marker}': mine(200, { params: (fx) => ({ marker: fx.marker }), body: json({ name: 'Event by {who}' }) }),
  'POST /api/events/{marker}/merge': mine(200, {
    params: (fx) => ({ marker: fx.marker }),
    body: (fx) => ({ json: { markers: [fx.otherMarker] } }),
  }),
  'POST /api/events/{marker}/split': mine(200, { params: (fx) => ({ marker: fx.marker }), body: json({ at: '2026-05-01T19:00:00Z' }) }),
  'GET /api/events/{marker}/share-preview': mine(200, { params: (fx) => ({ marker: fx.marker }) }),
  'POST /api/events/{marker}/share': mine(200, { params: (fx) => ({ marker: fx.marker }) }),
  'POST /api/assets/{id}/markers': mine(200, { params: id((fx) => fx.assetId), body: json({ marker: 'tag by {who}' }) }),
  'DELETE /api/assets/{id}/markers/{marker}': mine(204, { params: (fx, p) => ({ id: fx.assetId, marker: `tag-by-${p}` }) }),
  // faces and people
  'GET /api/faces/status': self(200),
  'POST /api/faces/reindex': self([202, 409], { why: 'face analysis is off in the walk: 409 `face_analysis_disabled` for the logged-in' }),
  'GET /api/assets/{id}/faces': mine(200, { params: id((fx) => fx.assetId) }),
  'GET /api/faces/{id}/thumbnail': mine(200, { params: id((fx) => fx.faceId) }),
  'GET /api/people': self(200),
  'GET /api/people/{id}': mine(200, { params: id((fx) => fx.personId) }),
  'PATCH /api/people/{id}': mine(200, { params: id((fx) => fx.personId), body: json({ name: 'Person by {who}' }) }),
  'GET /api/people/{id}/photos': mine(200, { params: id((fx) => fx.personId) }),
  'GET /api/people/{id}/faces': mine(200, { params: id((fx) => fx.personId) }),
  'GET /api/people/{id}/name-suggestions': mine(200, { params: id((fx) => fx.personId) }),
  'POST /api/people/{id}/merge': mine(200, {
    params: id((fx) => fx.personId),
    body: (fx) => ({ json: { personIds: [fx.otherPersonId] } }),
  }),
  'GET /api/people/merge-suggestions': self(200),
  // The walk names one person twice (400 `invalid_request` for the owner only); a real pair: people-merge-suggestions.test.ts.
  'POST /api/people/{id}/not-same': mine(400, { params: id((fx) => fx.personId), body: (fx) => ({ json: { personId: fx.personId } }) }),
  'POST /api/people/{id}/split': mine([200, 201], {
    params: id((fx) => fx.personId),
    body: (fx) => ({ json: { faceIds: [fx.splitFaceId] } }),
  }),
  // region shares, site keys, connectors
  'GET /api/region-shares/targets': self(200, { why: 'also a site key from its origins (abuse-http-hardening)' }),
  'POST /api/region-shares': self(201, { body: (fx) => ({ json: { ...regionShare, imageData: fx.photo.toString('base64') } }) }),
  'GET /api/region-shares': self(200),
  'GET /api/region-shares/page-image': self(422, {
    query: () => ({ url: 'http://192.168.1.20/p.jpg' }),
    why: 'the walk’s picture is on a private address: 422 `blocked_address`, before any connection',
  }),
  'GET /api/region-shares/page-images': self(422, {
    query: () => ({ url: 'http://192.168.1.20/post' }),
    why: 'the walk’s page is on a private address: 422 `blocked_address`, before any connection',
  }),
  'POST /api/region-shares/upload': self(201, {
    body: (fx) => ({
      multipart: [{ name: 'image', filename: 'p.jpg', data: fx.photo, type: 'image/jpeg' }],
      fields: { share: JSON.stringify(regionShare) },
    }),
  }),
  'GET /api/region-shares/{id}': mine(200, { params: id((fx) => fx.shareId) }),
  'GET /api/site-keys': self(200),
  'POST /api/site-keys': self(201, { body: json({ name: 'shop', origins: ['https://shop.example'] }) }),
  'DELETE /api/site-keys/{id}': mine(204, { params: id((fx) => fx.siteKeyId), late: true }),
  'GET /api/connectors': self(200),
  'PUT /api/connectors/mastodon': self(422, {
    body: json({ instanceUrl: 'http://127.0.0.1:9/', accessToken: 'token-12345' }),
    why: 'the instance address is refused by the SSRF guard (422 `blocked_address`) before any network',
  }),
  'PUT /api/connectors/webhook': self(200, { body: json({ url: 'https://hooks.example/kith', secret: 'a-secret-of-16-chars' }) }),
  'DELETE /api/connectors/{kind}': self([204, 404], {
    params: () => ({ kind: 'webhook' }),
    why: "the caller's own connector, by kind: 204 when it exists, else 404",
  }),
  // public region-share routes
  'GET /s/{id}': open(200, 'the share page: the 96-bit link is the capability', { params: id((fx) => fx.shareId) }),
  'GET /s/{id}/image.png': open(200, 'the shared crop: the link is the capability', { params: id((fx) => fx.shareId) }),
  'GET /embed/region-share.js': open([200, 503], 'the script sites embed (503 `embed_not_built` before `npm run build`)'),
  'GET /embed/relay': open(200, 'the relay page; it acts only with the session cookie, after the user confirms'),
  // album inbox
  'GET /.well-known/kith-inbox': open(200, 'the inbox limits other servers and the CLI read before sending'),
  'POST /inbox/{account}': open(
    409,
    'the public album inbox: policy, blocks and the face check decide, not a login (409 `no_reference_face`: analysis is off here)',
    {
      params: () => ({ account: 'alice' }),
      body: (fx) => ({ multipart: [{ name: 'picture', filename: 'p.jpg', data: fx.photo, type: 'image/jpeg' }] }),
    },
  ),
  'GET /api/inbox/settings': self(200),
  'GET /.well-known/kith-keys/{username}': open(200, 'the public keys other servers verify signed inbox deliveries with (RFC 9421)', {
    params: () => ({ username: 'alice' }),
  }),
  'POST /api/me/signing-keys': self(201, { body: json({ name: 'walk' }) }),
  'GET /api/me/signing-keys': self(200),
  'DELETE /api/me/signing-keys/{id}': mine(204, { params: id((fx) => fx.signingKeyId) }),
  'PUT /api/inbox/settings': self(200, { body: json({ policy: 'open' }) }),
  'GET /api/inbox/blocks': self(200),
  'POST /api/inbox/blocks': self(201, { body: json({ kind: 'host', value: 'spam2.example' }) }),
  'DELETE /api/inbox/blocks/{id}': mine(204, { params: id((fx) => fx.blockId) }),
  'GET /api/inbox/dropped': self(200),
  'GET /api/inbox': self(200),
  // routing
  'GET /api/routing/settings': self(200),
  'PUT /api/routing/settings': self(200, { body: json({ mode: 'suggest' }) }),
  'GET /api/routing/suggestions': self(200),
  'POST /api/routing/suggestions/{assetId}/send': mine([200, 404], {
    params: (fx) => ({ assetId: fx.assetId }),
    body: json({}),
    why: 'the owner gets 404 when the photo has no suggestion (face analysis is off)',
  }),
  'POST /api/routing/suggestions/{assetId}/dismiss': mine([200, 404], { params: (fx) => ({ assetId: fx.assetId }), why: 'as send' }),
  'GET /api/assets/{id}/deliveries': mine(200, { params: id((fx) => fx.assetId) }),
  'GET /api/routing/deliveries/{id}/evidence-image': mine(404, {
    params: id((fx) => fx.assetId),
    why: "the walk holds no delivery (face analysis is off), so even the owner gets 404; the owner's 200 and everyone else's 404 are in routing-evidence-rule.test.ts",
  }),
  // now playing
  'PUT /api/now-playing/association': self(200, { body: (_fx, p) => ({ json: { self: { name: p, phone: phoneOf[p] }, contacts: [] } }) }),
  'GET /api/now-playing/association': self(200),
  'POST /api/now-playing': self(200, { body: json({ title: 'Song', artist: 'Band' }) }),
  'DELETE /api/now-playing': self(204),
  'GET /api/now-playing': self(200),
  'GET /api/now-playing/friends': self(200),
  'GET /api/now-playing/listens': self(200),
  'GET /api/now-playing/settings': self(200),
  'PATCH /api/now-playing/settings': self(200, { body: json({ sharing: true }) }),
  'GET /api/now-playing/connect': self(200),
  'POST /api/now-playing/scrobbler-token': self(201, { body: json({ name: 'walk' }) }),
  'GET /api/now-playing/confirmations': self(200),
  'POST /api/now-playing/confirmations': self(400, {
    body: json({ account_id: '00000000-0000-4000-8000-000000000001', phone: '+4915110000109' }),
    why: "400 `not_in_book`: the number is not in the caller's uploaded book",
  }),
  'DELETE /api/now-playing/confirmations/{id}': self(404, {
    params: () => ({ id: '00000000-0000-4000-8000-000000000001' }),
    why: 'the caller confirmed no such account',
  }),
  // phone verification (docs/security.md "Phone numbers and now playing")
  'GET /api/me/phone': self(200),
  'POST /api/me/phone/code': self([409, 503], {
    why: 'no SMS gateway in the walk: 503 `sms_unavailable` once the caller has a number, 409 `no_phone` before',
  }),
  'POST /api/me/phone/verify': self(400, { body: json({ code: '123456' }), why: 'no code is pending: 400 `no_code`' }),
  'DELETE /api/me/phone/notice': self(204),
  'POST /api/admin/accounts/{username}/phone-verified': {
    expect: { anonymous: 401, other: 403, guest: 401, owner: 404 },
    params: () => ({ username: 'nobody-here' }),
    why: 'admins only (403 `admin_only` for others); the walk names an account that does not exist',
  },
  'POST /1/submit-listens': {
    expect: { anonymous: 401, other: 401, guest: 401, owner: 200 },
    why: 'ListenBrainz: `Authorization: Token <api token>` only; a session cookie is not enough',
    protocol: true,
    auth: (fx, p) => (p === 'owner' ? { authorization: `Token ${fx.ownerApiToken}` } : undefined),
    body: json({ listen_type: 'playing_now', payload: [{ track_metadata: { artist_name: 'Band', track_name: 'Song' } }] }),
  },
  'GET /1/validate-token': open(200, 'ListenBrainz: says whether a token is valid (valid: false for a wrong one), nothing more', {
    protocol: true,
    query: (fx, p) => ({ token: p === 'owner' ? fx.ownerApiToken : 'kith_not-a-token' }),
    auth: () => ({}),
  }),
  'GET /1/user/{name}/playing-now': {
    expect: { anonymous: 404, other: 404, guest: 404, owner: 200 },
    protocol: true,
    params: () => ({ name: 'alice' }),
    why: 'not public, unlike listenbrainz.org: the user or a friend; anyone else, anonymous too, 404 `Cannot find user`',
  },
  'GET /1/user/{name}/listens': {
    expect: { anonymous: 404, other: 404, guest: 404, owner: 200 },
    protocol: true,
    params: () => ({ name: 'alice' }),
    why: 'as playing-now: the user or a friend; anyone else 404 `Cannot find user`',
  },
  'GET /1/*': {
    expect: { anonymous: 404, other: 404, guest: 404, owner: 404 },
    protocol: true,
    hidden: true,
    why: "ListenBrainz paths Kith does not implement: a JSON 404 in ListenBrainz's shape for everyone",
  },
  'POST /1/*': {
    expect: { anonymous: 404, other: 404, guest: 404, owner: 404 },
    protocol: true,
    hidden: true,
    why: "ListenBrainz paths Kith does not implement: a JSON 404 in ListenBrainz's shape for everyone",
  },
  'POST /2.0/': lastfm(false),
  'GET /2.0/': lastfm(true),
  'POST /2.0': lastfm(false),
  'GET /2.0': lastfm(true),
  // exchanges (accounts)
  'GET /api/exchanges/settings': self(200),
  'PUT /api/exchanges/settings': self(200, { body: json({ policy: 'anyone' }) }),
  'POST /api/exchanges': self(201, { body: json({ invite: true }) }),
  'GET /api/exchanges': self(200),
  'GET /api/exchanges/reports': { expect: { anonymous: 401, other: 403, guest: 401, owner: 200 }, why: 'admins only' },
  'GET /api/exchanges/{id}': mine(200, { params: id((fx) => fx.exchange.id) }),
  'POST /api/exchanges/{id}/accept': mine(200, { params: id((fx) => fx.toAccept) }),
  'POST /api/exchanges/{id}/decline': mine(200, { params: id((fx) => fx.toDecline) }),
  'POST /api/exchanges/{id}/end': mine(200, { params: id((fx) => fx.freshExchange.id), late: true }),
  'POST /api/exchanges/{id}/block': mine(200, { params: id((fx) => fx.toBlock) }),
  'POST /api/exchanges/{id}/report': mine(204, { params: id((fx) => fx.exchange.id), body: json({ reason: 'report by {who}' }) }),
  'POST /api/exchanges/{id}/captures': mine(200, { params: id((fx) => fx.freshExchange.id), body: photo('image') }),
  'POST /api/exchanges/{id}/rounds': mine([200, 409], {
    params: id((fx) => fx.exchange.id),
    why: '409 when the guest opened round 2 first',
  }),
  'POST /api/exchanges/{id}/rounds/{n}/reactions': mine(200, {
    params: (fx) => ({ id: fx.exchange.id, n: 1 }),
    body: json({ emoji: '👍' }),
  }),
  'GET /api/exchanges/{id}/rounds/{n}/{which}': mine(200, { params: (fx) => ({ id: fx.exchange.id, n: 1, which: 'responder' }) }),
  'POST /api/exchanges/{id}/rounds/{n}/{which}/save': mine(200, { params: (fx) => ({ id: fx.exchange.id, n: 1, which: 'responder' }) }),
  // exchanges (guest: no account, the token in the path)
  'GET /api/guest/exchanges/{token}': guestOnly(200, (fx) => fx.exchange.guestToken),
  'POST /api/guest/exchanges/{token}/join': guestOnly(200, (fx) => fx.joinInvite, { body: json({ displayName: 'Walker' }) }),
  'POST /api/guest/exchanges/{token}/decline': guestOnly(200, (fx) => fx.declineInvite),
  'POST /api/guest/exchanges/{token}/report': guestOnly(204, (fx) => fx.exchange.guestToken, { body: json({ reason: 'report by {who}' }) }),
  'POST /api/guest/exchanges/{token}/end': guestOnly(200, (fx) => fx.guestEndsExchange.guestToken, { late: true }),
  'POST /api/guest/exchanges/{token}/captures': guestOnly(200, (fx) => fx.freshExchange.guestToken, { body: photo('image') }),
  'POST /api/guest/exchanges/{token}/rounds': guestOnly([200, 409], (fx) => fx.exchange.guestToken, {
    why: '409 when the owner opened round 2 first',
  }),
  'POST /api/guest/exchanges/{token}/rounds/{n}/reactions': guestOnly(200, (fx) => fx.exchange.guestToken, { body: json({ emoji: '🎉' }) }),
  'GET /api/guest/exchanges/{token}/rounds/{n}/{which}': guestOnly(200, (fx) => fx.exchange.guestToken),
  // Audioscrobbler 1.2 (hidden from openapi.json: a plain-text protocol): its own handshake and session ids
  'GET /audioscrobbler/': open(200, 'Audioscrobbler handshake: md5(md5(scrobbler token) + t); a cookie grants nothing', {
    hidden: true,
    protocol: true,
    query: () => ({ hs: 'true', p: '1.2', c: 'tst', v: '1', u: 'alice', t: String(Math.floor(Date.now() / 1000)), a: '0'.repeat(32) }),
    answer: { anonymous: /^BADAUTH$/, other: /^BADAUTH$/, guest: /^BADAUTH$/, owner: /^BADAUTH$/ },
  }),
  'POST /audioscrobbler/np': open(200, 'Audioscrobbler: the session id from the handshake; a cookie grants nothing', {
    hidden: true,
    protocol: true,
    body: () => ({ raw: 's=forged&a=Band&t=Song', type: 'application/x-www-form-urlencoded' }),
    answer: { anonymous: /^BADSESSION$/, other: /^BADSESSION$/, guest: /^BADSESSION$/, owner: /^BADSESSION$/ },
  }),
  'POST /audioscrobbler/submit': open(200, 'as np', {
    hidden: true,
    protocol: true,
    body: () => ({ raw: 's=forged&a[0]=Band&t[0]=Song&i[0]=1700000000&o[0]=R', type: 'application/x-www-form-urlencoded' }),
    answer: { anonymous: /^BADSESSION$/, other: /^BADSESSION$/, guest: /^BADSESSION$/, owner: /^BADSESSION$/ },
  }),
  // announced by the health check: public, for load balancers and the integrator's readiness wait
  'GET /api/health': open(200, 'readiness probe for load balancers: no data', { announced: true }),
};
