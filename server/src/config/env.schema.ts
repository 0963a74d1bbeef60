import os from 'node:os';
import { z } from 'zod';
import { parseCidrList } from '../net/address-policy.js';
import { httpUrl, int } from './env-fields.js';
import { scaleEnvShape } from './scale-config.js';
import { smsEnvShape } from './sms-config.js';

/*
 * Every `KITH_*` variable Kith reads: its type, default and documentation in one place. The
 * loader (`config.ts`) maps the parsed values to `Config`; docs/configuration.md is generated
 * from this schema (`npm run config:docs`, checked by `npm run config:check`).
 */

const lettersOrDigits = z.string().regex(/^[A-Za-z0-9]{8,64}$/, 'must be 8–64 letters or digits');

/** The `KITH_*` variables of the server itself; the queue/S3 and SMS ones are merged in from their modules. */
export const baseEnvShape = {
  KITH_PORT: int(0, 65535).default(2342).describe('TCP port the HTTP server listens on.'),
  KITH_HOST: z.string().min(1).default('0.0.0.0').describe('Interface to bind; `0.0.0.0` so LAN devices can reach Kith.'),
  KITH_DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe('Directory of the SQLite file `kith.db`, local blobs, temp files and `secret.key`.'),
  KITH_DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) || /^sqlite:.+/.test(v), 'must be postgres://… or sqlite:<file>')
    .optional()
    .meta({
      valueType: '`postgres://…` or `sqlite:<file>`',
      shownDefault: '(SQLite in the data dir)',
      description: 'The database: PostgreSQL, or a SQLite file elsewhere than the data dir.',
    }),
  KITH_DATABASE_POOL_SIZE: int(1, 1000).default(10).describe('PostgreSQL connections in the pool of each instance.'),
  KITH_DATABASE_CONNECT_TIMEOUT_MS: int(100, 120_000)
    .default(2000)
    .describe('Longest wait (ms) for a pooled PostgreSQL connection; then the request answers 503 `database_unavailable`.'),
  KITH_PUBLIC_URL: httpUrl().optional().meta({
    shownDefault: '`http://localhost:PORT`',
    description: 'Origin users reach Kith at; used in links and Kith addresses (`user@host`).',
  }),
  KITH_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each entry must be an http(s) origin such as https://photos.example' })))
    .meta({
      valueType: 'comma-separated http(s) origins',
      shownDefault: '(none)',
      description:
        "Web origins besides the public URL's that may make signed-in changes and open socket.io with the session cookie, e.g. `http://localhost:5173` for the web dev server (else 403 `cross_origin_refused`; docs/security.md).",
    }),
  KITH_SIGNUP: z
    .enum(['open', 'invite', 'closed'])
    .default('invite')
    .describe('Who may sign up after the first (admin) account: `invite` (a one-time code from the admin), `open` (anyone) or `closed`.'),
  KITH_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587')
    .optional()
    .meta({
      valueType: '`smtp://…` or `smtps://…`',
      shownDefault: '(none)',
      description:
        'SMTP transport of e-mail verification links (nodemailer URL form): `smtp://user:pass@host:587` upgrades with STARTTLS, `smtps://…:465` is TLS from the start. Unset: no e-mail is sent and an admin marks addresses verified.',
    }),
  KITH_SMTP_FROM: z.string().min(3).max(200).optional().meta({
    valueType: 'RFC 5322 mailbox',
    shownDefault: '`Kith <kith@HOST>`',
    description: "`From:` of Kith's e-mails (HOST from `KITH_PUBLIC_URL`).",
  }),
  KITH_MAX_UPLOAD_BYTES: int(1, 10 * 1024 ** 3)
    .default(200 * 1024 * 1024)
    .describe('Largest uploaded file, in bytes (413 above it).'),
  KITH_MAX_IMAGE_PIXELS: int(1, 2_000_000_000)
    .default(100_000_000)
    .describe('Largest decoded image, width × height in pixels; guards against decompression bombs.'),
  KITH_DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as US or DE')
    .default('US')
    .meta({ valueType: 'ISO 3166 alpha-2 code', description: 'Region used to read phone numbers written without a country code.' }),
  KITH_TRASH_DAYS: int(1, 3650)
    .default(30)
    .describe(
      'Days a deleted photo stays in the trash (restorable) before the hourly purge deletes it for ever, as Immich and Google Photos do (docs/trash.md).',
    ),
  KITH_EVENT_GAP_MINUTES: int(1, 7 * 24 * 60)
    .default(180)
    .describe('Event detection: a gap longer than this (minutes) between two photos starts a new event.'),
  KITH_EVENT_RADIUS_METERS: int(1, 1_000_000)
    .default(2000)
    .describe('Event detection: photos farther apart than this (metres) belong to different events.'),
  KITH_EVENT_MARGIN_MINUTES: int(0, 7 * 24 * 60)
    .default(60)
    .describe("Event matching: contacts' photos within the event's window ± this margin (minutes) count as the event."),
  KITH_SESSION_TTL_DAYS: int(1, 3650).default(30).describe('Lifetime of a sign-in session, in days.'),
  KITH_TOKEN_CACHE_SECONDS: int(0, 300)
    .default(10)
    .describe(
      'How long a verified API token is remembered in memory, in seconds (0: check the database on every request); a revocation reaches other instances within it.',
    ),
  // Image jobs alternate between decoding (multi-threaded) and WebP encoding (one thread):
  // two per core keeps both cores busy.
  KITH_JOB_CONCURRENCY: int(1, 64)
    .default(Math.max(2, os.availableParallelism() * 2))
    .meta({
      shownDefault: '2 × cores',
      description: 'Background jobs (thumbnails, previews, event detection) run at once in this process.',
    }),
  KITH_FACE_ANALYSIS: z
    .enum(['on', 'off'])
    .default('on')
    .describe('Face analysis of uploads and reference faces (people, face-routed sharing); `off`: none, reference faces stored unchecked.'),
  // Default: one per core in `kith worker` (a third gained nothing on 2 cores); one in the embedded
  // single process, where a second (~450 MB) took the ingest peak from 719 to 1,178 MB (bench/README.md).
  KITH_FACE_WORKERS: int(1, 64).optional().meta({
    shownDefault: '1 embedded, cores with `KITH_QUEUE=bullmq`',
    description:
      "Face engine worker threads (~450 MB each with their models), started on first use; one keeps the embedded server's ingest peak under 800 MB (bench/README.md).",
  }),
  // Each face worker holds its models (about 140 MB with faceplugin: bench:faces, pool 2 against pool 1): idle ones stop, and the next photo starts them again (~1 s).
  KITH_FACE_IDLE_SECONDS: int(0, 7 * 24 * 3600)
    .default(120)
    .describe(
      'Idle face workers stop after this many seconds and free their memory; the next photo starts them again (about 1 s). `0` keeps them.',
    ),
  KITH_FACE_CHECK_TIMEOUT_SECONDS: int(1, 600)
    .default(60)
    .describe(
      'With `KITH_QUEUE=bullmq`, `kith serve` runs no face workers: inbox checks and reference faces are request jobs a `kith worker` answers. After this many seconds without an answer the request fails with 503 `face_check_unavailable`.',
    ),
  KITH_FACE_MAX_SIDE: int(256, 4096)
    .default(1024)
    .describe('Long side (px) the face models see; larger photos are downsized, boxes stay in original px.'),
  KITH_FACE_MODEL: z
    .enum(['faceplugin', 'fusion', 'faceres', 'faceapi'])
    .default('faceplugin')
    .describe(
      'Identity model of the face engine: `faceplugin` (the vendored ONNX net on aligned faces: 99.3% held-out balanced accuracy on sets A + C), or the earlier `fusion` (92.1%), `faceres` (70.0%) and `faceapi` (70.3%); docs/face-calibration.md. A change re-indexes.',
    ),
  KITH_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | string => (v === 'true' ? true : v === 'false' || v === '' ? false : v))
    .meta({
      valueType: '`true`, `false` or comma-separated IPs/CIDRs',
      shownDefault: 'false',
      description:
        "Which proxies may set X-Forwarded-For (Fastify's `trustProxy`). Off, so a forged header cannot dodge the per-IP rate limits of the public endpoints; `true` only behind a proxy that strips it.",
    }),
  KITH_FETCH_ALLOW: z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      try {
        parseCidrList(v.split(','));
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    })
    .meta({
      valueType: 'comma-separated CIDRs',
      shownDefault: '(none)',
      description:
        'Ranges outbound fetches may reach although they are not public addresses: exceptions to the SSRF guard (e.g. `127.0.0.1/32` in tests).',
    }),
  KITH_FETCH_MAX_BYTES: int(1024, 1024 ** 3)
    .default(20 * 1024 * 1024)
    .describe('Largest image or connector answer an outbound fetch reads, in bytes (413 `payload_too_large`).'),
  KITH_CARDDAV_INTERVAL_MINUTES: int(0, 10_080)
    .default(60)
    .describe(
      'How often each connected CardDAV address book is synced (RFC 6578 sync-collection), in minutes; 0 turns scheduled sync off ("Sync now" still works).',
    ),
  KITH_FETCH_TIMEOUT_MS: int(100, 120_000)
    .default(10_000)
    .describe('Deadline of one outbound fetch, redirects included, in ms (422 when late).'),
  KITH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional().meta({
    valueType: 'text, ≥ 32 characters',
    shownDefault: '(`<data dir>/secret.key`, created on first boot)',
    description:
      'Server secret: keys the phone hashes, Audioscrobbler sessions, default Last.fm keys, and (HKDF) the key sealing connector tokens. The same on every instance.',
  }),
  KITH_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional()
    .meta({
      valueType: '`redis://…` or `rediss://…`',
      shownDefault: '(none: in-memory)',
      description: 'Redis for the socket.io adapter (several instances) and for `KITH_QUEUE=bullmq`.',
    }),
  KITH_NOW_PLAYING_DEFAULT_MINUTES: int(1, 24 * 60)
    .default(10)
    .describe('Now playing: how long a play without a known duration stays "now playing", in minutes.'),
  KITH_NOW_PLAYING_FIND_LINKS: z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.object({ label: z.string().min(1).max(40), url: z.url({ protocol: /^https?$/ }) })).max(10))
    .optional()
    .meta({
      valueType: 'JSON `[{"label","url"}]`, at most 10',
      shownDefault: 'MusicBrainz, DuckDuckGo',
      description:
        'Now playing "find it" search links; in `url`, `{query}` is "artist – title", `{artist}` and `{title}` the parts (all URL-encoded).',
    }),
  KITH_LASTFM_API_KEY: lettersOrDigits.optional().meta({
    shownDefault: '(derived from the secret)',
    description: 'Last.fm-compatible API: the api_key clients sign with; used only with `KITH_LASTFM_SHARED_SECRET`.',
  }),
  KITH_LASTFM_SHARED_SECRET: lettersOrDigits.optional().meta({
    shownDefault: '(derived from the secret)',
    description: 'Last.fm-compatible API: the shared secret paired with `KITH_LASTFM_API_KEY`.',
  }),
  KITH_INBOX_MAX_PACKET_BYTES: int(1024, 1024 ** 3)
    .default(25 * 1024 * 1024)
    .describe('Album inbox: largest request body, XML packet or multipart, in bytes (413 `packet_too_large`).'),
  KITH_INBOX_MAX_PICTURES: int(1, 1000).default(20).describe('Album inbox: most pictures in one packet (413 `too_many_pictures`).'),
  KITH_INBOX_MAX_PICTURE_BYTES: int(1024, 1024 ** 3)
    .default(20 * 1024 * 1024)
    .describe('Album inbox: largest decoded picture, in bytes.'),
  KITH_INBOX_RATE_PER_IP: int(1, 100_000)
    .default(60)
    .describe('Album inbox: packets a minute from one source address (429 `rate_limited`; counted per instance).'),
  KITH_INBOX_RATE_PER_RECIPIENT: int(1, 100_000)
    .default(120)
    .describe('Album inbox: packets a minute to one account, all sources together (429 `rate_limited`; counted per instance).'),
  KITH_EXCHANGE_REQUEST_MINUTES: int(1, 7 * 24 * 60)
    .default(10)
    .describe('Exchanges: a request (and its invite link) expires this many minutes after it was made unless accepted.'),
  KITH_EXCHANGE_GUEST_DOWNLOAD_HOURS: int(1, 30 * 24)
    .default(24)
    .describe("Exchanges: a guest's link (downloads included) stays valid this many hours after the join or the last round."),
  KITH_EXCHANGE_MAX_BYTES: int(1024, 1024 ** 3)
    .default(15 * 1024 * 1024)
    .describe('Exchanges: largest captured image, in bytes (413 above it).'),
  KITH_EXCHANGE_REQUESTS_PER_HOUR: int(1, 100_000).default(30).describe('Exchanges: new requests and invites per account per hour.'),
  KITH_EXCHANGE_CAPTURES_PER_MINUTE: int(1, 100_000).default(20).describe('Exchanges: captures per exchange and address per minute.'),
  KITH_LOGIN_FAILURES_PER_ACCOUNT: int(1, 100_000)
    .default(10)
    .describe(
      'Wrong passwords allowed per account within `KITH_LOGIN_WINDOW_MINUTES`, over every way in (web, Last.fm, Audioscrobbler, password change); then 429 `too_many_login_attempts`.',
    ),
  KITH_LOGIN_FAILURES_PER_ADDRESS: int(1, 100_000)
    .default(30)
    .describe('Wrong passwords allowed per client address within `KITH_LOGIN_WINDOW_MINUTES`; then 429.'),
  KITH_LOGIN_WINDOW_MINUTES: int(1, 24 * 60)
    .default(15)
    .describe('Window of the failed-password limits, in minutes (docs/security.md).'),
  KITH_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Least severe log line written (pino levels); `silent` writes none.'),
};

/** The whole `KITH_*` environment: the loader parses the process environment with it; keys outside `KITH_*` are ignored. */
export const envSchema = z.object({ ...baseEnvShape, ...scaleEnvShape, ...smsEnvShape });

/** The parsed environment, before it is mapped to `Config`. */
export type Env = z.output<typeof envSchema>;
