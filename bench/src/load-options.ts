/**
 * `npm run bench:load` options (command line after `--`) and the request mix.
 */
import { parseArgs } from 'node:util';

/** The five request kinds of the load mix. */
export type Kind = 'timeline' | 'upload' | 'nowPlaying' | 'inbox' | 'region';
export const KINDS: Kind[] = ['timeline', 'upload', 'nowPlaying', 'inbox', 'region'];

export const KIND_LABEL: Record<Kind, string> = {
  timeline: 'GET /api/assets (timeline page)',
  upload: 'POST /api/assets (1 JPEG)',
  nowPlaying: 'POST /api/now-playing',
  inbox: 'POST /inbox/{account} (XML, 1 picture)',
  region: 'POST /api/region-shares (site key)',
};

/**
 * How each kind is driven. Closed-loop kinds get a share of `--connections` (their weight) and run
 * as fast as the server answers: their req/s is the capacity figure. Paced kinds run at a fixed
 * rate (req/s over all their connections): each one queues background work (thumbnail, preview,
 * face analysis) that a closed loop would pile up faster than the jobs can drain, spilling into
 * the next phase and the soak; their figure is the latency at that rate.
 */
export const MIX: Record<Kind, { weight: number } | { rate: number }> = {
  timeline: { weight: 0.75 },
  nowPlaying: { weight: 0.25 },
  upload: { rate: 4 },
  inbox: { rate: 1 },
  region: { rate: 2 },
};

export interface LoadOptions {
  /** Seconds of each measured phase (1 and 2 instances). */
  duration: number;
  /** autocannon connections shared by the closed-loop kinds (paced kinds add one or two each). */
  connections: number;
  /** Soak length in minutes; undefined = the 1-vs-2 comparison. */
  soakMinutes?: number;
  /** Instances in the soak. */
  soakInstances: number;
  /** Seconds of unmeasured mix before each measured phase. */
  warmup: number;
  /** Seconds of each baseline (bare Fastify, Kith's cheapest route). */
  baselineDuration: number;
  queue: 'in-process' | 'bullmq';
  blobs: 'local' | 's3';
  faces: 'on' | 'off';
  rates: Record<'upload' | 'inbox' | 'region', number>;
  /** Photos in the seeded timeline. */
  timelineAssets: number;
  users: number;
}

const HELP = `npm run bench:load -- [options]
  --duration <s>          seconds per phase (default 30)
  --connections <n>       closed-loop connections (default 16)
  --soak [minutes]        soak instead of the comparison (default 10 minutes)
  --soak-instances <1|2>  instances in the soak (default 1)
  --queue bullmq|in-process   bullmq (default): KITH_QUEUE=bullmq and one \`kith worker\` process;
                              in-process: each instance runs its own jobs
  --blobs s3|local            s3 (default): an s3rver on loopback, KITH_BLOB_STORE=s3; local: one shared data dir
  --faces on|off              KITH_FACE_ANALYSIS (default on: the inbox refuses everything without it)
  --upload-rate, --inbox-rate, --region-rate <req/s>   paced kinds (default 4, 1, 2)
  --timeline-assets <n>   seeded photos (default 300); --users <n> (default 12)
  --baseline-duration <s> (default 10); --warmup <s> unmeasured mix before each phase (default 10)`;

/** Parses `argv` (without node and the script). `--soak` may come without a value (10 minutes). */
export function parseLoadOptions(argv: string[]): LoadOptions {
  const args = [...argv];
  const soakAt = args.indexOf('--soak');
  if (soakAt >= 0 && (soakAt === args.length - 1 || args[soakAt + 1].startsWith('--'))) args.splice(soakAt + 1, 0, '10');
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '16' },
      soak: { type: 'string' },
      'soak-instances': { type: 'string', default: '1' },
      'baseline-duration': { type: 'string', default: '10' },
      warmup: { type: 'string', default: '10' },
      // The several-instances deployment by default: instances that only serve, one \`kith worker\`, blobs in S3.
      queue: { type: 'string', default: 'bullmq' },
      blobs: { type: 'string', default: 's3' },
      faces: { type: 'string', default: 'on' },
      'upload-rate': { type: 'string', default: String((MIX.upload as { rate: number }).rate) },
      'inbox-rate': { type: 'string', default: String((MIX.inbox as { rate: number }).rate) },
      'region-rate': { type: 'string', default: String((MIX.region as { rate: number }).rate) },
      'timeline-assets': { type: 'string', default: '300' },
      users: { type: 'string', default: '12' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min} (got "${v}")\n${HELP}`);
    return n;
  };
  const oneOf = <T extends string>(name: string, v: string, allowed: readonly T[]): T => {
    if (!allowed.includes(v as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')} (got "${v}")`);
    return v as T;
  };
  return {
    duration: num('duration', values.duration, 1),
    connections: num('connections', values.connections, 2),
    soakMinutes: values.soak === undefined ? undefined : num('soak', values.soak, 1),
    soakInstances: num('soak-instances', values['soak-instances'], 1),
    baselineDuration: num('baseline-duration', values['baseline-duration'], 1),
    warmup: num('warmup', values.warmup, 1),
    queue: oneOf('queue', values.queue, ['in-process', 'bullmq'] as const),
    blobs: oneOf('blobs', values.blobs, ['local', 's3'] as const),
    faces: oneOf('faces', values.faces, ['on', 'off'] as const),
    rates: {
      upload: num('upload-rate', values['upload-rate'], 0),
      inbox: num('inbox-rate', values['inbox-rate'], 0),
      region: num('region-rate', values['region-rate'], 0),
    },
    timelineAssets: num('timeline-assets', values['timeline-assets'], 1),
    users: num('users', values.users, 3),
  };
}
