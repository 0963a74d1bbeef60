/**
 * Every error `code` the server answers with, its HTTP status(es) and what it means.
 *
 * Clients branch on `code` (the SDK, the CLI, the web app); people read the message. A code never
 * changes meaning once shipped. `AppError` and the factories in `errors.ts` accept only these codes,
 * OpenAPI's `Error.code` is this list as an enum, and server/test/unit/error-codes.test.ts fails when
 * a code written in server/src is missing here. A few codes answer with more than one status because
 * the same condition is met on different routes (e.g. `unknown_account`: 404 on a lookup, 400 in a body).
 */
export const ERROR_CODES = {
  // 400: the request itself is wrong; fix it and send it again.
  invalid_request: { status: [400], meaning: 'A field, the body or the URL fails validation; `details.fields` names each.' },
  invalid_cursor: { status: [400], meaning: 'The page cursor is not one this server gave out.' },
  empty_query: { status: [400], meaning: 'The search query has no letter or digit to search for.' },
  query_too_long: { status: [400], meaning: 'The search query is longer than the limit; shorten it.' },
  invalid_token: { status: [400], meaning: 'A token in the request is malformed or incomplete.' },
  invalid_code: { status: [400], meaning: 'The SMS code is wrong; `details.attempts_left` says how many tries remain.' },
  code_expired: { status: [400], meaning: 'The SMS code has expired; send a new one.' },
  no_code: { status: [400], meaning: 'No SMS code is pending for this number; send one first.' },
  invalid_phone: { status: [400], meaning: 'The phone number cannot be read as E.164.' },
  invalid_origin: { status: [400], meaning: 'An origin is not `scheme://host[:port]`.' },
  invalid_event: { status: [400], meaning: 'The event change is not valid (for example an empty name).' },
  invalid_merge: { status: [400], meaning: 'These people or events cannot be merged.' },
  invalid_split: { status: [400], meaning: 'These faces or assets cannot be split off.' },
  invalid_contacts: { status: [400], meaning: 'The contact list in the request is not valid.' },
  invalid_vcard: { status: [400], meaning: 'The file is not a vCard (RFC 6350, 3.0 or 2.1) Kith can read.' },
  invalid_sidecar: { status: [400], meaning: 'The XMP sidecar cannot be read.' },
  invalid_packet: { status: [400], meaning: 'The inbox packet is malformed (XML or multipart).' },
  invalid_block: { status: [400], meaning: 'A block names neither a sender address nor a host.' },
  expiry_in_past: { status: [400], meaning: 'The expiry date is already past.' },
  no_file: { status: [400], meaning: 'The form carries no file.' },
  no_files: { status: [400], meaning: 'The upload carries no files.' },
  no_email: { status: [400], meaning: 'The account has no e-mail address to verify.' },
  no_password: { status: [400], meaning: 'The link has no password to check.' },
  uploader_name_required: { status: [400], meaning: 'A link upload needs the uploader to give a name.' },
  owner_cannot_leave: { status: [400], meaning: 'The owner of an album cannot leave it; delete it instead.' },
  cannot_confirm_self: { status: [400], meaning: 'An account cannot confirm its own number.' },
  cannot_invite_self: { status: [400], meaning: 'An account cannot invite itself.' },
  not_in_book: { status: [400], meaning: 'The number is not on any contact of the address book.' },
  unknown_account: { status: [400, 404], meaning: 'No account of that name or id on this server.' },
  unsupported_url: { status: [400, 422], meaning: 'The URL is not an absolute http(s) URL.' },

  // 401: who is asking is not known, or did not prove it.
  unauthorized: { status: [401], meaning: 'No session cookie or API token, or it is no longer valid.' },
  invalid_credentials: { status: [401], meaning: 'Wrong username or password.' },
  invalid_site_key: { status: [401], meaning: 'The embed site key does not exist or was deleted.' },
  link_password_required: { status: [401], meaning: 'The album link is protected by a password.' },
  wrong_link_password: { status: [401], meaning: 'That is not the password of this album link.' },

  // 403: known, but not allowed.
  admin_only: { status: [403], meaning: 'Only an administrator may do this.' },
  insufficient_scope: { status: [403], meaning: 'The API token lacks the scope this needs.' },
  signup_closed: { status: [403], meaning: 'This server does not accept new accounts.' },
  invite_required: { status: [403], meaning: 'Sign-up here needs an invite.' },
  invalid_invite: { status: [403], meaning: 'The invite does not exist, was used, or has expired.' },
  cross_origin_refused: { status: [403], meaning: 'A cookie-authenticated write came from another origin.' },
  origin_not_allowed: { status: [403], meaning: 'The request origin is not allowed for this site key.' },
  not_album_owner: { status: [403], meaning: 'Only the album owner may do this.' },
  not_album_contributor: { status: [403], meaning: 'Only a contributor of the album may do this.' },
  download_not_allowed: { status: [403], meaning: 'The album link does not allow downloads.' },
  upload_not_allowed: { status: [403], meaning: 'The album link does not allow uploads.' },
  exchange_blocked: { status: [403], meaning: 'The other person does not accept exchanges from this account.' },
  exchange_not_allowed: { status: [403], meaning: 'This account may not start an exchange with that person.' },
  not_responder: { status: [403], meaning: 'Only the invited side of the exchange may do this.' },
  inbox_closed: { status: [403], meaning: 'The recipient accepts no photos in their inbox.' },
  sender_unverified: { status: [403], meaning: 'The inbox accepts contacts only and the packet does not prove its sender.' },
  sender_not_allowed: { status: [403], meaning: 'The inbox accepts contacts only and the sender is not one.' },
  sender_blocked: { status: [403], meaning: 'The recipient has blocked this sender.' },

  // 404: nothing there, or not yours (existence never leaks).
  not_found: { status: [404], meaning: 'No such resource or route, or it belongs to someone else.' },
  unknown_user: { status: [404], meaning: 'No Kith user of that name here.' },

  // 409: the request conflicts with the resource's state.
  username_taken: { status: [409], meaning: 'Another account has that username.' },
  already_verified: { status: [409], meaning: 'The number is already verified.' },
  email_already_verified: { status: [409], meaning: 'The e-mail address is already verified.' },
  email_changed: { status: [409], meaning: 'The e-mail address changed since the link was sent.' },
  phone_changed: { status: [409], meaning: 'The phone number changed since the code was sent.' },
  phone_verified_elsewhere: { status: [409], meaning: 'Another account has verified this number.' },
  number_mismatch: { status: [409], meaning: 'The number does not match the one the code was sent to.' },
  no_phone: { status: [409], meaning: 'The account has no phone number yet.' },
  smtp_not_configured: { status: [409], meaning: 'This server cannot send e-mail (no SMTP configured).' },
  carddav_exists: { status: [409], meaning: 'This CardDAV address book is already linked.' },
  confirmation_required: { status: [409], meaning: "The contact's identifier matches an unverified account; confirm it first." },
  not_in_trash: { status: [409], meaning: 'The asset is not in the trash.' },
  face_analysis_off: { status: [409], meaning: 'This server does not analyse faces (KITH_FACE_ANALYSIS=off).' },
  no_reference_face: { status: [409], meaning: 'The recipient has no reference face, so photos cannot be checked.' },
  exchange_not_open: { status: [409], meaning: 'The exchange is no longer open.' },
  exchange_not_active: { status: [409], meaning: 'The exchange is not active.' },
  round_in_progress: { status: [409], meaning: 'A round is already under way.' },
  round_not_done: { status: [409], meaning: 'The round has not finished yet.' },
  already_captured: { status: [409], meaning: 'This side already captured in this round.' },
  target_not_linked: { status: [409], meaning: 'The share target was unlinked or removed.' },
  link_revoked: { status: [409, 410], meaning: 'The album link was turned off (410 to visitors, 409 to its owner).' },

  // 410: it existed, it is gone.
  link_expired: { status: [410], meaning: 'The album link has expired.' },
  token_expired: { status: [410], meaning: 'The e-mail verification link has expired.' },

  // 413/414/415: too big, too long, wrong type.
  payload_too_large: { status: [413], meaning: "The body or file is larger than this server's limit (`details.limitBytes`)." },
  packet_too_large: { status: [413], meaning: "The inbox packet or one of its photos is larger than the inbox's limit." },
  too_many_pictures: { status: [413], meaning: 'The inbox packet carries more photos than the inbox accepts.' },
  too_many_files: { status: [413], meaning: 'The upload carries more files than the limit.' },
  too_many_fields: { status: [413], meaning: 'The form has more fields than the route accepts.' },
  param_too_long: { status: [414], meaning: 'A path segment is longer than any id, name or token.' },
  unsupported_media_type: { status: [415], meaning: 'The Content-Type or file type is not one this route reads.' },

  // 422: well-formed, but Kith cannot use it.
  invalid_image: { status: [422], meaning: 'The bytes are not an image Kith can decode.' },
  image_too_large: { status: [422], meaning: "The image has more pixels than this server's limit." },
  no_face: { status: [422], meaning: 'No usable face in the reference face photo.' },
  several_faces: { status: [422], meaning: 'More than one face in the reference face photo.' },
  face_too_small: { status: [422], meaning: 'The face in the reference face photo is too small to recognise.' },
  invalid_region: { status: [422], meaning: 'The crop lies outside the image or is too small.' },
  not_html: { status: [422], meaning: 'The page is not HTML.' },
  not_an_image: { status: [422], meaning: 'The URL does not point at an image.' },
  blocked_address: { status: [422], meaning: 'The URL resolves to a private or local address Kith will not fetch.' },
  image_unreachable: { status: [422], meaning: 'Kith could not fetch the URL.' },
  too_many_redirects: { status: [422], meaning: 'The URL redirects too many times.' },
  target_unavailable: { status: [422], meaning: 'The share target cannot take this share now.' },
  too_many_cards: { status: [422], meaning: 'The vCard file has more cards than the limit.' },
  carddav_auth: { status: [422], meaning: 'The CardDAV server refused the credentials.' },
  carddav_no_address_book: { status: [422], meaning: 'The CardDAV server has no address book at that URL.' },
  contact_not_on_kith: { status: [422], meaning: 'The contact has no Kith account here.' },
  remote_user_unsupported: { status: [422], meaning: 'Users of other Kith servers cannot take part in this yet.' },
  cannot_exchange_with_self: { status: [422], meaning: 'An exchange takes two people.' },

  // 429: slow down.
  rate_limited: { status: [429], meaning: 'Too many requests; retry later.' },
  too_many_login_attempts: { status: [429], meaning: 'Too many wrong passwords; `details.retryAfterSeconds` says when to retry.' },
  too_many_codes: { status: [429], meaning: 'Too many SMS codes sent; `details.retry_after_seconds` says when to retry.' },
  too_many_attempts: { status: [429], meaning: 'Too many wrong SMS codes; the code is void.' },

  // 5xx: the server or a service it depends on failed.
  internal_error: { status: [500], meaning: 'An unexpected failure, logged on the server.' },
  page_unreachable: { status: [502], meaning: 'Kith could not fetch the web page.' },
  inbox_discovery_failed: { status: [502], meaning: "The recipient's server answered inbox discovery with an error." },
  carddav_error: { status: [502], meaning: 'The CardDAV server answered with an error.' },
  mastodon_error: { status: [502], meaning: 'Mastodon answered with an error.' },
  webhook_error: { status: [502], meaning: 'The webhook answered with an error.' },
  email_send_failed: { status: [502], meaning: 'The mail server did not accept the message.' },
  sms_failed: { status: [502], meaning: 'The SMS gateway did not send the code.' },
  database_unavailable: { status: [503], meaning: 'The database cannot be reached; retry after `Retry-After`.' },
  blob_store_unavailable: { status: [503], meaning: 'The blob store (S3) cannot be reached.' },
  sms_unavailable: { status: [503], meaning: 'This server has no SMS gateway.' },
  face_check_unavailable: { status: [503], meaning: 'No Kith worker answered the face check in time.' },
  vcard_busy: { status: [503], meaning: 'Too many address books are being read; retry in a minute.' },
  embed_not_built: { status: [503], meaning: 'The embed script is not built (`npm run build`).' },
  mastodon_timeout: { status: [504], meaning: 'Mastodon did not finish processing the media in time.' },
  insufficient_storage: { status: [507], meaning: 'The disk or bucket is full; nothing was saved.' },
} as const satisfies Record<string, { status: readonly number[]; meaning: string }>;

/** One of the server's stable error codes. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Every registered code, in registry order (OpenAPI's `Error.code` enum). */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/** The codes registered with HTTP status `S`, so a factory for one status accepts only its codes. */
export type ErrorCodeWithStatus<S extends number> = {
  [K in ErrorCode]: S extends (typeof ERROR_CODES)[K]['status'][number] ? K : never;
}[ErrorCode];

/** Whether `code` is a registered error code (for codes read from another server's answer). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}
