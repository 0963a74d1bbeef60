import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseCidrList } from '../net/address-policy.js';
import { scaleConfigProblems, scaleEnvShape, toScaleConfig, type ScaleConfig } from './scale-config.js';
import { smsConfigProblems, smsEnvShape, toSmsConfig, type SmsConfig } from './sms-config.js';

/**
 * Kith's runtime configuration, parsed once at boot from the environment.
 *
 * Every variable is optional; the defaults give the embedded set-up
 * (SQLite + local blobs + in-process queue and realtime) on port 2342.
 */
export interface Config extends ScaleConfig, SmsConfig {
  /** TCP port the HTTP server listens on. */
  port: number;
  /** Interface to bind; `0.0.0.0` by default so LAN devices can reach it. */
  host: string;
  /** Directory holding `kith.db`, `blobs/` and `tmp/`. Absolute. */
  dataDir: string;
  /** `sqlite:<file>` (embedded default) or a `postgres://` URL. */
  database:
    | { engine: 'sqlite'; file: string }
    | {
        engine: 'postgres';
        url: string;
        schema?: string;
        /** Connections in the pool of this process (`KITH_DATABASE_POOL_SIZE`, default 10). */
        poolSize?: number;
        /** Longest wait for a pooled connection, ms (`KITH_DATABASE_CONNECT_TIMEOUT_MS`, default 2000); then 503 `database_unavailable`. */
        connectTimeoutMs?: number;
      };
  /** Origin users reach Kith at; used in links and Kith addresses. */
  publicUrl: string;
  /**
   * Web origins besides `publicUrl`'s that may send signed-in (session cookie) changes and open socket.io
   * with the cookie (`KITH_ALLOWED_ORIGINS`, comma-separated, e.g. `http://localhost:5173` for the web dev
   * server). Empty by default. See `http/origin-policy.ts` and docs/security.md "Cross-site requests".
   */
  allowedOrigins: string[];
  /**
   * Who may create an account after the first (admin) one, which can always sign up: `invite` (default: a
   * one-time code from the admin), `open` (anyone who reaches the server) or `closed` (docs/security.md, "Sign-up").
   */
  signup: 'open' | 'invite' | 'closed';
  /**
   * SMTP transport of e-mail verification links (`KITH_SMTP_URL`, nodemailer's URL form: `smtp://user:pass@host:587`
   * upgrades with STARTTLS when offered, `smtps://…:465` is TLS from the start). Undefined: no e-mail is sent and an
   * admin marks addresses verified instead.
   */
  smtpUrl?: string;
  /** `From:` of the messages Kith sends (`KITH_SMTP_FROM`, RFC 5322 mailbox); default `Kith <kith@<host of publicUrl>>`. */
  smtpFrom: string;
  /** Upper bound of one uploaded file, in bytes. */
  maxUploadBytes: number;
  /** Upper bound of decoded pixels (width × height) of one image; guards against decompression bombs. */
  maxImagePixels: number;
  /** ISO 3166 alpha-2 region used to read phone numbers written without a country code. */
  defaultPhoneRegion: string;
  /** Event detection: a gap longer than this (ms) between two photos starts a new event. */
  eventGapMs: number;
  /** Event detection: photos farther apart than this (metres) belong to different events. */
  eventRadiusM: number;
  /** Event matching: contacts' photos within the event's window ± this margin (ms) count as the event. */
  eventMarginMs: number;
  /** Background jobs (thumbnails, previews, event detection) run at once in this process. */
  jobConcurrency: number;
  /** Face analysis of uploads and reference faces (people, face-routed sharing); on by default. */
  faceAnalysis: boolean;
  /** Worker threads of the face engine (each ~350 MB RSS with its models); started on first use. */
  faceWorkers: number;
  /** Face worker threads stop after this long without work, ms (each holds ~350 MB); 0 keeps them. They start again on demand. */
  faceIdleMs: number;
  /** How long a `kith serve` beside a `kith worker` waits for the worker's face check, ms (503 `face_check_unavailable` after). */
  faceCheckTimeoutMs: number;
  /** Long side, px, the face models see (the engine downsizes larger photos; boxes stay in original px). */
  faceMaxSide: number;
  /**
   * Identity model of the face engine: `fusion` (default: 98.3% on the fixture pairs, 2.7 photos/s on
   * 2 cores) or `faceres` (89.6%, 4.2 photos/s); docs/face-calibration.md. A change re-indexes.
   */
  faceModel: 'fusion' | 'faceres' | 'faceapi';
  /** Session lifetime in ms. */
  sessionTtlMs: number;
  /**
   * CIDRs outbound fetches may reach although they are not public addresses (SSRF guard
   * exceptions; `KITH_FETCH_ALLOW`, comma-separated). Empty by default.
   */
  fetchAllow: string[];
  /**
   * Which proxies may set X-Forwarded-For (`KITH_TRUST_PROXY`): `false` (default: the socket's address is the
   * client, so nobody can dodge the per-IP rate limits of the public endpoints by forging the header), `true`
   * (trust every hop, only behind a proxy that strips it), or comma-separated proxy IPs/CIDRs.
   * Passed to Fastify's `trustProxy` (https://fastify.dev/docs/latest/Reference/Server/#trustproxy).
   */
  trustProxy: boolean | string;
  /** Largest image (or connector answer) an outbound fetch reads, in bytes. */
  fetchMaxBytes: number;
  /** Deadline of one outbound fetch, redirects included, in ms. */
  fetchTimeoutMs: number;
  /**
   * How long a verified API token is remembered in memory, in ms (0 = check the database on every
   * request). A revocation applies at once on the instance that revoked it, and within this time on
   * any other instance.
   */
  tokenCacheMs: number;
  /**
   * Server secret (≥ 32 bytes): HMAC key of address-book phone hashes, Audioscrobbler session ids,
   * the default Last.fm API key pair, and (derived) the key sealing connector tokens. From KITH_SECRET, else `<dataDir>/secret.key` (created on first boot).
   * Undefined here means "read or create the file" (see `config/server-secret.ts`).
   */
  secret?: string;
  /** socket.io Redis adapter URL (several instances); undefined = in-memory adapter. */
  redisUrl?: string;
  /** Now playing: how long a play without a known duration stays "now playing", in ms. */
  nowPlayingDefaultMs: number;
  /** Now playing: "find it" search links; `{query}` is "artist – title", `{artist}`/`{title}` the parts (all URL-encoded). */
  findLinks: Array<{ label: string; url: string }>;
  /** Last.fm-compatible API: the api_key / shared secret pair clients sign with; derived from the secret when unset. */
  lastfm?: { apiKey: string; sharedSecret: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Album inbox (`POST /inbox/{account}`): largest request body, XML packet or multipart, in bytes. */
  inboxMaxPacketBytes: number;
  /** Album inbox: most pictures in one packet. */
  inboxMaxPictures: number;
  /** Album inbox: largest decoded picture, in bytes. */
  inboxMaxPictureBytes: number;
  /** Album inbox: packets a minute from one source IP. */
  inboxRatePerIp: number;
  /** Album inbox: packets a minute to one recipient account, all sources together. */
  inboxRatePerRecipient: number;
  /** Exchanges: a request (and its invite link) expires this long after it was made unless accepted, in ms. */
  exchangeRequestMs: number;
  /** Exchanges: a guest's link (downloads included) stays valid this long after the last round or join, in ms. */
  exchangeGuestDownloadMs: number;
  /** Exchanges: largest captured image, in bytes. */
  exchangeMaxBytes: number;
  /** Exchanges: new requests and invites per account per hour; captures per exchange and address per minute. */
  exchangeLimits: { requestsPerHour: number; capturesPerMinute: number };
  /**
   * Failed password attempts allowed per account and per client address within `windowMs`, counted
   * together over every method that takes a password (web log-in, Last.fm auth.getMobileSession,
   * Audioscrobbler handshake, password change); past either, 429 until the window ends (docs/security.md).
   */
  loginLimits: { failuresPerAccount: number; failuresPerAddress: number; windowMs: number };
}

const int = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));

const envSchema = z.object({
  KITH_PORT: int(0, 65535).default(2342),
  KITH_HOST: z.string().min(1).default('0.0.0.0'),
  KITH_DATA_DIR: z.string().min(1).default('./data'),
  KITH_DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) || /^sqlite:.+/.test(v), 'must be postgres://… or sqlite:<file>')
    .optional(),
  KITH_DATABASE_POOL_SIZE: int(1, 1000).default(10),
  KITH_DATABASE_CONNECT_TIMEOUT_MS: int(100, 120_000).default(2000),
  KITH_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  KITH_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each entry must be an http(s) origin such as https://photos.example' }))),
  KITH_SIGNUP: z.enum(['open', 'invite', 'closed']).default('invite'),
  KITH_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587')
    .optional(),
  KITH_SMTP_FROM: z.string().min(3).max(200).optional(),
  KITH_MAX_UPLOAD_BYTES: int(1, 10 * 1024 ** 3).default(200 * 1024 * 1024),
  KITH_MAX_IMAGE_PIXELS: int(1, 2_000_000_000).default(100_000_000),
  KITH_DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as US or DE')
    .default('US'),
  KITH_EVENT_GAP_MINUTES: int(1, 7 * 24 * 60).default(180),
  KITH_EVENT_RADIUS_METERS: int(1, 1_000_000).default(2000),
  KITH_EVENT_MARGIN_MINUTES: int(0, 7 * 24 * 60).default(60),
  KITH_SESSION_TTL_DAYS: int(1, 3650).default(30),
  KITH_TOKEN_CACHE_SECONDS: int(0, 300).default(10),
  // Image jobs alternate between decoding (multi-threaded) and WebP encoding (one thread):
  // two per core keeps both cores busy.
  KITH_JOB_CONCURRENCY: int(1, 64).default(Math.max(2, os.availableParallelism() * 2)),
  KITH_FACE_ANALYSIS: z.enum(['on', 'off']).default('on'),
  // Default: one per core in `kith worker` (a third gained nothing on 2 cores); one in the embedded
  // single process, where a second (~450 MB) took the ingest peak from 719 to 1,178 MB (bench/README.md).
  KITH_FACE_WORKERS: int(1, 64).optional(),
  // Each face worker holds its models (~350 MB): idle ones stop, and the next photo starts them again (~1 s).
  KITH_FACE_IDLE_SECONDS: int(0, 7 * 24 * 3600).default(120),
  KITH_FACE_CHECK_TIMEOUT_SECONDS: int(1, 600).default(60),
  KITH_FACE_MAX_SIDE: int(256, 4096).default(1024),
  KITH_FACE_MODEL: z.enum(['fusion', 'faceres', 'faceapi']).default('fusion'),
  KITH_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | string => (v === 'true' ? true : v === 'false' || v === '' ? false : v)),
  KITH_FETCH_ALLOW: z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      try {
        parseCidrList(v.split(','));
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    }),
  KITH_FETCH_MAX_BYTES: int(1024, 1024 ** 3).default(20 * 1024 * 1024),
  KITH_FETCH_TIMEOUT_MS: int(100, 120_000).default(10_000),
  KITH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  KITH_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  KITH_NOW_PLAYING_DEFAULT_MINUTES: int(1, 24 * 60).default(10),
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
    .optional(),
  KITH_LASTFM_API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{8,64}$/, 'must be 8–64 letters or digits')
    .optional(),
  KITH_LASTFM_SHARED_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9]{8,64}$/, 'must be 8–64 letters or digits')
    .optional(),
  KITH_INBOX_MAX_PACKET_BYTES: int(1024, 1024 ** 3).default(25 * 1024 * 1024),
  KITH_INBOX_MAX_PICTURES: int(1, 1000).default(20),
  KITH_INBOX_MAX_PICTURE_BYTES: int(1024, 1024 ** 3).default(20 * 1024 * 1024),
  KITH_INBOX_RATE_PER_IP: int(1, 100_000).default(60),
  KITH_INBOX_RATE_PER_RECIPIENT: int(1, 100_000).default(120),
  KITH_EXCHANGE_REQUEST_MINUTES: int(1, 7 * 24 * 60).default(10),
  KITH_EXCHANGE_GUEST_DOWNLOAD_HOURS: int(1, 30 * 24).default(24),
  KITH_EXCHANGE_MAX_BYTES: int(1024, 1024 ** 3).default(15 * 1024 * 1024),
  KITH_EXCHANGE_REQUESTS_PER_HOUR: int(1, 100_000).default(30),
  KITH_EXCHANGE_CAPTURES_PER_MINUTE: int(1, 100_000).default(20),
  KITH_LOGIN_FAILURES_PER_ACCOUNT: int(1, 100_000).default(10),
  KITH_LOGIN_FAILURES_PER_ADDRESS: int(1, 100_000).default(30),
  KITH_LOGIN_WINDOW_MINUTES: int(1, 24 * 60).default(15),
  KITH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...scaleEnvShape,
  ...smsEnvShape,
});

/** "Find it" defaults (seed CN102664943A [0051], [0056]): a MusicBrainz recording search and a general web search. */
export const DEFAULT_FIND_LINKS = [
  { label: 'MusicBrainz', url: 'https://musicbrainz.org/search?type=recording&query={query}' },
  { label: 'Web', url: 'https://duckduckgo.com/?q={query}' },
];

/** Thrown when one or more variables are invalid; `message` lists every one of them. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Kith cannot start: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into a {@link Config}.
 *
 * @param env usually `process.env`; only `KITH_*` keys are read.
 * @param overrides values that win over the environment (tests use this).
 * @throws ConfigError listing every bad variable at once, never just the first.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const crossProblems = [...scaleConfigProblems(e), ...smsConfigProblems(e)];
  if (crossProblems.length) throw new ConfigError(crossProblems);
  const dataDir = path.resolve(e.KITH_DATA_DIR);
  const url = e.KITH_DATABASE_URL;
  const publicUrl = (e.KITH_PUBLIC_URL ?? `http://localhost:${e.KITH_PORT}`).replace(/\/$/, '');
  const database: Config['database'] = !url
    ? { engine: 'sqlite', file: path.join(dataDir, 'kith.db') }
    : url.startsWith('sqlite:')
      ? { engine: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) }
      : { engine: 'postgres', url, poolSize: e.KITH_DATABASE_POOL_SIZE, connectTimeoutMs: e.KITH_DATABASE_CONNECT_TIMEOUT_MS };
  return {
    port: e.KITH_PORT,
    host: e.KITH_HOST,
    dataDir,
    database,
    publicUrl,
    allowedOrigins: e.KITH_ALLOWED_ORIGINS.map((o) => new URL(o).origin),
    signup: e.KITH_SIGNUP,
    smtpUrl: e.KITH_SMTP_URL,
    smtpFrom: e.KITH_SMTP_FROM ?? `Kith <kith@${new URL(publicUrl).hostname}>`,
    maxUploadBytes: e.KITH_MAX_UPLOAD_BYTES,
    maxImagePixels: e.KITH_MAX_IMAGE_PIXELS,
    defaultPhoneRegion: e.KITH_DEFAULT_PHONE_REGION,
    eventGapMs: e.KITH_EVENT_GAP_MINUTES * 60_000,
    eventRadiusM: e.KITH_EVENT_RADIUS_METERS,
    eventMarginMs: e.KITH_EVENT_MARGIN_MINUTES * 60_000,
    sessionTtlMs: e.KITH_SESSION_TTL_DAYS * 24 * 3600_000,
    tokenCacheMs: e.KITH_TOKEN_CACHE_SECONDS * 1000,
    jobConcurrency: e.KITH_JOB_CONCURRENCY,
    faceAnalysis: e.KITH_FACE_ANALYSIS === 'on',
    faceWorkers: e.KITH_FACE_WORKERS ?? (e.KITH_QUEUE === 'bullmq' ? os.availableParallelism() : 1),
    faceIdleMs: e.KITH_FACE_IDLE_SECONDS * 1000,
    faceCheckTimeoutMs: e.KITH_FACE_CHECK_TIMEOUT_SECONDS * 1000,
    faceMaxSide: e.KITH_FACE_MAX_SIDE,
    faceModel: e.KITH_FACE_MODEL,
    fetchAllow: e.KITH_FETCH_ALLOW.split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    trustProxy: e.KITH_TRUST_PROXY,
    fetchMaxBytes: e.KITH_FETCH_MAX_BYTES,
    fetchTimeoutMs: e.KITH_FETCH_TIMEOUT_MS,
    logLevel: e.KITH_LOG_LEVEL,
    inboxMaxPacketBytes: e.KITH_INBOX_MAX_PACKET_BYTES,
    inboxMaxPictures: e.KITH_INBOX_MAX_PICTURES,
    inboxMaxPictureBytes: e.KITH_INBOX_MAX_PICTURE_BYTES,
    inboxRatePerIp: e.KITH_INBOX_RATE_PER_IP,
    inboxRatePerRecipient: e.KITH_INBOX_RATE_PER_RECIPIENT,
    secret: e.KITH_SECRET,
    redisUrl: e.KITH_REDIS_URL,
    nowPlayingDefaultMs: e.KITH_NOW_PLAYING_DEFAULT_MINUTES * 60_000,
    findLinks: e.KITH_NOW_PLAYING_FIND_LINKS ?? DEFAULT_FIND_LINKS,
    lastfm:
      e.KITH_LASTFM_API_KEY && e.KITH_LASTFM_SHARED_SECRET
        ? { apiKey: e.KITH_LASTFM_API_KEY, sharedSecret: e.KITH_LASTFM_SHARED_SECRET }
        : undefined,
    exchangeRequestMs: e.KITH_EXCHANGE_REQUEST_MINUTES * 60_000,
    exchangeGuestDownloadMs: e.KITH_EXCHANGE_GUEST_DOWNLOAD_HOURS * 3600_000,
    exchangeMaxBytes: e.KITH_EXCHANGE_MAX_BYTES,
    exchangeLimits: { requestsPerHour: e.KITH_EXCHANGE_REQUESTS_PER_HOUR, capturesPerMinute: e.KITH_EXCHANGE_CAPTURES_PER_MINUTE },
    loginLimits: {
      failuresPerAccount: e.KITH_LOGIN_FAILURES_PER_ACCOUNT,
      failuresPerAddress: e.KITH_LOGIN_FAILURES_PER_ADDRESS,
      windowMs: e.KITH_LOGIN_WINDOW_MINUTES * 60_000,
    },
    ...toScaleConfig(e),
    ...toSmsConfig(e),
    ...overrides,
  };
}
