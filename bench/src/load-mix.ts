/**
 * The request mix of `bench:load`: one autocannon instance per kind, all running at once against
 * the load balancer, each rotating its requests with `setupRequest` (user, page, unique bytes,
 * visitor address). Closed-loop kinds share the connections by weight; paced kinds run at a rate.
 */
import { buildInboxPacketXml } from '../../sdk/src/inbox-packet.js';
import autocannon from 'autocannon';
import { KINDS, MIX, type Kind, type LoadOptions } from './load-options.js';
import { CROP, facelessPhotos, facelessRect, multipartFile, recipientPictures, uniqueJpeg } from './load-photos.js';
import { visitorIp, type Seed } from './load-seed.js';

/** One kind's (or a baseline's) figures from autocannon. */
export interface KindResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Answers by HTTP status, plus `errors` (connection errors, timeouts included). */
  statuses: Record<string, number>;
  failed: number;
  /** First answer body seen for each non-2xx status (what went wrong). */
  samples: Record<string, string>;
  connections: number;
  rate?: number;
}

/** Figures of each kind that ran (a paced kind at rate 0 is left out). */
export type MixResult = Partial<Record<Kind, KindResult>>;

export type RequestSpec = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string | Buffer };
type Builder = () => RequestSpec;

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];

/** Images the request builders rotate (made once per run). */
export interface MixMaterial {
  uploads: Buffer[];
  inboxPictures: Buffer[];
}

export async function mixMaterial(): Promise<MixMaterial> {
  return { uploads: await facelessPhotos(40, new Date('2025-07-01T12:00:00')), inboxPictures: await recipientPictures(10) };
}

/** The request of each kind, built fresh each time (`setupRequest`). */
export function builders(seed: Seed, material: MixMaterial, ctx: { url: string; imageUrl: string }): Record<Kind, Builder> {
  const [alice, ...others] = seed.users;
  const alicePages = ['', ...seed.timelineCursors.map((c) => `&cursor=${encodeURIComponent(c)}`)];
  let tracks = 0;
  return {
    // Half the reads page through alice's library (the seeded timeline), half are other people's first page.
    timeline: () => {
      const aliceRead = Math.random() < 0.5;
      return {
        method: 'GET',
        path: `/api/assets?limit=100${aliceRead ? pick(alicePages) : ''}`,
        headers: { cookie: (aliceRead ? alice : pick(others)).cookie },
      };
    },
    nowPlaying: () => ({
      method: 'POST',
      path: '/api/now-playing',
      headers: { 'content-type': 'application/json', cookie: pick(seed.users).cookie },
      body: JSON.stringify({ title: `Track ${++tracks}`, artist: 'Load Bench', album: 'Soak', duration_ms: 180_000, position_ms: 0 }),
    }),
    upload: () => {
      const { body, contentType } = multipartFile('photo.jpg', uniqueJpeg(pick(material.uploads)));
      return { method: 'POST', path: '/api/assets', headers: { 'content-type': contentType, cookie: pick(others).cookie }, body };
    },
    inbox: () => ({
      method: 'POST',
      path: `/inbox/${alice.username}`,
      headers: { 'content-type': 'application/xml', 'x-forwarded-for': visitorIp() },
      body: buildInboxPacketXml({
        address: ctx.url,
        username: alice.username,
        senderName: 'Load Bench',
        senderAddress: 'bench@load.example',
        pictures: [{ name: 'alice.jpg', bytes: uniqueJpeg(pick(material.inboxPictures)) }],
      }),
    }),
    region: () => {
      const rect = facelessRect();
      const [W, H] = [1920, 1280];
      return {
        method: 'POST',
        path: '/api/region-shares',
        headers: {
          'content-type': 'application/json',
          origin: seed.siteOrigin,
          'x-kith-site-key': seed.siteKey,
          'x-forwarded-for': visitorIp(),
        },
        body: JSON.stringify({
          pageUrl: `${seed.siteOrigin}/party`,
          imageUrl: ctx.imageUrl,
          imageIndex: 0,
          rect,
          fraction: { x: rect.x / W, y: rect.y / H, width: rect.width / W, height: rect.height / H },
          naturalWidth: W,
          naturalHeight: H,
          description: `load bench, crop ≤ ${CROP.width} px`,
          target: 'kith',
        }),
      };
    },
  };
}

/** Connections and rate of each kind: weights split `connections`; a paced kind gets one connection per req/s (max 8). */
export function plan(opts: LoadOptions): Record<Kind, { connections: number; rate?: number }> {
  const out = {} as Record<Kind, { connections: number; rate?: number }>;
  for (const kind of KINDS) {
    const m = MIX[kind];
    if ('weight' in m) out[kind] = { connections: Math.max(1, Math.round(opts.connections * m.weight)) };
    else {
      const rate = opts.rates[kind as 'upload' | 'inbox' | 'region'];
      out[kind] = { connections: Math.min(8, Math.max(1, Math.ceil(rate))), rate };
    }
  }
  return out;
}

/** Runs one autocannon instance of `build` requests; `onResponse` sees every answer (soak sampling). */
export async function cannon(
  url: string,
  build: Builder,
  opts: { connections: number; rate?: number; seconds: number; onResponse?: () => void },
): Promise<KindResult> {
  const samples: Record<string, string> = {};
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections: opts.connections,
        ...(opts.rate ? { overallRate: opts.rate } : {}),
        duration: opts.seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (req) => ({ ...req, ...build() }),
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && !samples[status]) samples[status] = String(body).slice(0, 300);
            },
          },
        ],
      },
      (err, result) => (err ? reject(err as Error) : resolve(result)),
    );
  });
  if (opts.onResponse) instance.on('response', opts.onResponse);
  const r = await finished;
  const statuses: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = v.count ?? 0;
  if (r.errors) statuses.errors = r.errors;
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  const failed = r.non2xx + r.errors;
  return {
    requests,
    seconds: r.duration,
    rps: requests / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    statuses,
    failed,
    samples,
    connections: opts.connections,
    rate: opts.rate,
  };
}

/** The whole mix for `seconds`: every kind at once. */
export async function runMix(
  url: string,
  kinds: Record<Kind, Builder>,
  opts: LoadOptions,
  seconds: number,
  onResponse?: () => void,
): Promise<MixResult> {
  const p = plan(opts);
  const active = KINDS.filter((k) => p[k].rate !== 0);
  const results = await Promise.all(active.map((k) => cannon(url, kinds[k], { ...p[k], seconds, onResponse })));
  return Object.fromEntries(active.map((k, i) => [k, results[i]])) as MixResult;
}
