/**
 * `bench:load --soak [minutes]`: the mix runs without a break while the resident memory (VmRSS)
 * of every Kith process is sampled every 10 s. Verdict per process: the mean of the first minute
 * after warm-up against the last minute, and the least-squares slope over every sample after
 * warm-up, in MB/min.
 *
 * Threshold: PASS when the slope is below 1 MB/min per process. At this mix's ~250 req/s that is
 * ~65 bytes per request, so a leak of one small object per request fails it; below it is what V8's
 * heap sizing and glibc arenas still settle into over 10 minutes (1 MB/min is 1.4 GB a day).
 */
import type { Cluster } from './load-cluster.js';
import { runMix, type builders, type MixResult } from './load-mix.js';
import type { LoadOptions } from './load-options.js';
import { rssOf } from './load-procs.js';
import { f1, table } from './load-report.js';

export const SAMPLE_MS = 10_000;
export const SLOPE_LIMIT_MB_PER_MIN = 1;

export interface SoakSample {
  /** Seconds since the soak began. */
  t: number;
  rss: number[];
  /** Answers per second since the previous sample. */
  rps: number;
}

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : NaN;
}

/**
 * Warm-up left out of the verdict: the first half of the soak (5 of 10 minutes). Why that long
 * (measured, bench/README.md "Soak"): nothing leaks, but RSS settles slowly. Under steady load
 * V8 sets each process's heap limit from its allocation rate, so the main thread's heap grew from
 * 124 to 277 MB in 3 minutes while its live heap after a full GC stayed at 74–79 MB; pages it
 * committed stay resident. A slope over the first minutes measures that sizing, not a leak.
 */
export const warmupSeconds = (minutes: number) => (minutes * 60) / 2;

/** Runs the soak, printing each sample as it is taken; resolves with the samples and the mix figures. */
export async function soak(cluster: Cluster, kinds: ReturnType<typeof builders>, opts: LoadOptions, minutes: number) {
  const pids = cluster.processes.map((p) => p.pid);
  const samples: SoakSample[] = [];
  let answers = 0;
  const t0 = Date.now();
  console.log(`  t (s)  req/s  ${cluster.processes.map((p) => `RSS ${p.role} (MB)`).join('  ')}`);
  const take = () => {
    const s = { t: Math.round((Date.now() - t0) / 1000), rss: rssOf(pids), rps: answers / (SAMPLE_MS / 1000) };
    answers = 0;
    samples.push(s);
    console.log(`  ${String(s.t).padStart(5)}  ${f1(s.rps).padStart(5)}  ${s.rss.map((r) => f1(r).padStart(10)).join('  ')}`);
  };
  take();
  const timer = setInterval(take, SAMPLE_MS);
  let mix: MixResult;
  try {
    mix = await runMix(cluster.url, kinds, opts, minutes * 60, () => answers++);
  } finally {
    clearInterval(timer);
  }
  take();
  return { samples, mix };
}

/** The verdict table: per process, first vs last minute after warm-up and the slope. */
export function soakVerdict(cluster: Cluster, samples: SoakSample[], minutes: number): { text: string; pass: boolean } {
  const warm = warmupSeconds(minutes);
  const after = samples.filter((s) => s.t >= warm);
  const end = samples[samples.length - 1].t;
  const firstMin = after.filter((s) => s.t < warm + 60);
  const lastMin = after.filter((s) => s.t > end - 60);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  let pass = true;
  const rows: (string | number)[][] = [
    ['process', 'start MB', `first min after ${warm} s`, 'last min', 'growth MB', 'slope MB/min', 'verdict'],
  ];
  cluster.processes.forEach((p, i) => {
    const first = mean(firstMin.map((s) => s.rss[i]));
    const last = mean(lastMin.map((s) => s.rss[i]));
    const k = slope(
      after.map((s) => s.t / 60),
      after.map((s) => s.rss[i]),
    );
    const ok = k < SLOPE_LIMIT_MB_PER_MIN;
    pass &&= ok;
    rows.push([p.role, f1(samples[0].rss[i]), f1(first), f1(last), f1(last - first), k.toFixed(2), ok ? 'PASS' : 'FAIL']);
  });
  const note = `  slope = least squares over the ${after.length} samples after ${warm} s of warm-up; PASS below ${SLOPE_LIMIT_MB_PER_MIN} MB/min per process.`;
  return { text: `${table(rows)}\n${note}`, pass };
}
