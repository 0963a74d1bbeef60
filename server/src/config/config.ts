import os from 'node:os';
import path from 'node:path';
import { envSchema, type Env } from './env.schema.js';
import { scaleConfigProblems, toScaleConfig } from './scale-config.js';
import { smsConfigProblems, toSmsConfig } from './sms-config.js';

/*
 * Each variable's type, default and meaning live in `env.schema.ts` (and docs/configuration.md is
 * generated from it); this file only maps the parsed variables to the shape the code uses, and
 * `Config` is inferred from that mapping rather than written out a second time.
 */

/** `sqlite:<file>` (embedded default) or a `postgres://` URL, with the pool settings of this process. */
export type DatabaseConfig =
  | { engine: 'sqlite'; file: string }
  | {
      engine: 'postgres';
      url: string;
      schema?: string;
      /** Connections in the pool of this process (`KITH_DATABASE_POOL_SIZE`). */
      poolSize?: number;
      /** Longest wait for a pooled connection, ms (`KITH_DATABASE_CONNECT_TIMEOUT_MS`); then 503 `database_unavailable`. */
      connectTimeoutMs?: number;
    };

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
 * Maps the parsed variables to the configuration the code reads: durations in ms, derived defaults
 * (public URL, sender, face workers), grouped settings. Call after the cross-variable checks passed.
 */
function toConfig(e: Env) {
  const dataDir = path.resolve(e.KITH_DATA_DIR);
  const url = e.KITH_DATABASE_URL;
  const publicUrl = (e.KITH_PUBLIC_URL ?? `http://localhost:${e.KITH_PORT}`).replace(/\/$/, '');
  const database: DatabaseConfig = !url
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
    /** nodemailer SMTP URL; undefined = no e-mail is sent and an admin marks addresses verified. */
    smtpUrl: e.KITH_SMTP_URL,
    smtpFrom: e.KITH_SMTP_FROM ?? `Kith <kith@${new URL(publicUrl).hostname}>`,
    maxUploadBytes: e.KITH_MAX_UPLOAD_BYTES,
    maxImagePixels: e.KITH_MAX_IMAGE_PIXELS,
    defaultPhoneRegion: e.KITH_DEFAULT_PHONE_REGION,
    /** How long a photo stays in the trash before the purge deletes it for ever, ms (KITH_TRASH_DAYS). */
    trashMs: e.KITH_TRASH_DAYS * 86_400_000,
    eventGapMs: e.KITH_EVENT_GAP_MINUTES * 60_000,
    eventRadiusM: e.KITH_EVENT_RADIUS_METERS,
    eventMarginMs: e.KITH_EVENT_MARGIN_MINUTES * 60_000,
    sessionTtlMs: e.KITH_SESSION_TTL_DAYS * 24 * 3600_000,
    tokenCacheMs: e.KITH_TOKEN_CACHE_SECONDS * 1000,
    jobConcurrency: e.KITH_JOB_CONCURRENCY,
    faceAnalysis: e.KITH_FACE_ANALYSIS === 'on',
    /** Face engine worker threads, started on first use. */
    faceWorkers: e.KITH_FACE_WORKERS ?? (e.KITH_QUEUE === 'bullmq' ? os.availableParallelism() : 1),
    faceIdleMs: e.KITH_FACE_IDLE_SECONDS * 1000,
    faceCheckTimeoutMs: e.KITH_FACE_CHECK_TIMEOUT_SECONDS * 1000,
    faceMaxSide: e.KITH_FACE_MAX_SIDE,
    faceModel: e.KITH_FACE_MODEL,
    fetchAllow: e.KITH_FETCH_ALLOW.split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    /** Fastify's `trustProxy` (https://fastify.dev/docs/latest/Reference/Server/#trustproxy): `false`, `true`, or proxy IPs/CIDRs. */
    trustProxy: e.KITH_TRUST_PROXY,
    fetchMaxBytes: e.KITH_FETCH_MAX_BYTES,
    fetchTimeoutMs: e.KITH_FETCH_TIMEOUT_MS,
    /** Scheduled CardDAV sync period in ms; 0 = only on demand. */
    carddavIntervalMs: e.KITH_CARDDAV_INTERVAL_MINUTES * 60_000,
    logLevel: e.KITH_LOG_LEVEL,
    inboxMaxPacketBytes: e.KITH_INBOX_MAX_PACKET_BYTES,
    inboxMaxPictures: e.KITH_INBOX_MAX_PICTURES,
    inboxMaxPictureBytes: e.KITH_INBOX_MAX_PICTURE_BYTES,
    inboxRatePerIp: e.KITH_INBOX_RATE_PER_IP,
    inboxRatePerRecipient: e.KITH_INBOX_RATE_PER_RECIPIENT,
    /** Server secret (≥ 32 chars); undefined means "read or create `<dataDir>/secret.key`" (`config/server-secret.ts`). */
    secret: e.KITH_SECRET,
    /** socket.io Redis adapter (and BullMQ) URL; undefined = in-memory adapter. */
    redisUrl: e.KITH_REDIS_URL,
    nowPlayingDefaultMs: e.KITH_NOW_PLAYING_DEFAULT_MINUTES * 60_000,
    findLinks: e.KITH_NOW_PLAYING_FIND_LINKS ?? DEFAULT_FIND_LINKS,
    /** Last.fm-compatible API key pair; undefined = derived from the secret. */
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
  };
}

/**
 * Kith's runtime configuration, parsed once at boot from the environment (see `env.schema.ts` and
 * docs/configuration.md for each variable). Every variable is optional; the defaults give the
 * embedded set-up (SQLite + local blobs + in-process queue and realtime) on port 2342.
 */
export type Config = ReturnType<typeof toConfig>;

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
  const crossProblems = [...scaleConfigProblems(parsed.data), ...smsConfigProblems(parsed.data)];
  if (crossProblems.length) throw new ConfigError(crossProblems);
  return { ...toConfig(parsed.data), ...overrides };
}
