/**
 * `npm run bench:load`: Kith under a realistic request mix on PostgreSQL and Redis,
 * with 1 and then 2 `kith serve` instances behind a round-robin load balancer; or, with
 * `--soak [minutes]`, the mix without a break while every Kith process's RSS is sampled.
 * Options: `npm run bench:load -- --help`. Printed figures only; never part of the tests.
 *
 * Comparison run: fresh database → 1 instance → seed through the API → baselines (the machine's
 * ceiling) → mix for `--duration` s → background work waited out → 2 instances on the same
 * database and data dir → mix again → per-request cost of each kind → everything dropped.
 */
import os from 'node:os';
import { clusterEnv, startCluster, type Cluster } from './load-cluster.js';
import { costTable } from './load-cost.js';
import { baselines } from './load-baseline.js';
import { startInfra } from './load-infra.js';
import { builders, mixMaterial, plan, runMix } from './load-mix.js';
import { KINDS, parseLoadOptions, type LoadOptions } from './load-options.js';
import { FACELESS_SOURCE } from './load-photos.js';
import { cpuMsOf, peakRssOf, rssOf, waitForIdle } from './load-procs.js';
import { procCpuMs } from './bench-harness.js';
import { comparisonTable, f1, failureSamples, mixTable, total } from './load-report.js';
import { seed, type Seed } from './load-seed.js';
import { soak, soakVerdict } from './load-soak.js';
import fs from 'node:fs';

const opts = parseLoadOptions(process.argv.slice(2));
const f2 = (n: number) => n.toFixed(2);
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function header(o: LoadOptions, infra: string[]) {
  console.log(
    `bench:load — ${o.soakMinutes ? `soak of ${o.soakMinutes} min, ${o.soakInstances} instance(s)` : `1 vs 2 instances, ${o.duration} s each`}`,
  );
  console.log(`  machine: os.availableParallelism() = ${os.availableParallelism()} (every process below shares these cores:`);
  console.log('  Kith instances, their job and face workers, the load balancer, autocannon), load average now ' + loadavg());
  for (const line of infra) console.log(`  ${line}`);
  console.log(
    `  KITH_FACE_ANALYSIS=${o.faces}: ${
      o.faces === 'on'
        ? 'needed by the inbox (off refuses every packet, 409 no_reference_face). The mix uploads faceless photos, so face *description* (bench:faces) stays out of it; detection runs on every upload'
        : 'the inbox refuses every packet (409 no_reference_face); face analysis is measured by bench:faces'
    }.`,
  );
  const p = plan(o);
  console.log(`  mix: ${KINDS.map((k) => `${k} ${p[k].rate !== undefined ? `${p[k].rate}/s` : `${p[k].connections} conn`}`).join(', ')}`);
}

/** CPU ms so far of each Kith process and of the infra processes (s3rver), by role. */
const cpuByRole = (procs: { role: string; pid: number }[]) => procs.map((p) => procCpuMs(p.pid));

/** Runs the mix once and prints its table and the process figures. */
async function phase(cluster: Cluster, kinds: ReturnType<typeof builders>, label: string, infraProcs: { role: string; pid: number }[]) {
  const pids = cluster.processes.map((p) => p.pid);
  const all0 = [...cluster.processes, ...infraProcs];
  // Not measured: first requests compile routes and queries and start each instance's face workers (~3 s of model loading).
  await runMix(cluster.url, kinds, opts, opts.warmup);
  await waitForIdle(pids);
  const cpu0 = cpuByRole(all0);
  const lb0 = cpuMsOf([cluster.lbPid]);
  const bench0 = process.cpuUsage();
  const mix = await runMix(cluster.url, kinds, opts, opts.duration);
  const cpuEach = cpuByRole(all0).map((c, i) => c - cpu0[i]);
  const cpu = cpuEach.slice(0, cluster.processes.length).reduce((a, b) => a + b, 0);
  const lbCpu = cpuMsOf([cluster.lbPid]) - lb0;
  const benchCpu = process.cpuUsage(bench0);
  const rss = rssOf(all0.map((p) => p.pid));
  const peak = peakRssOf(all0.map((p) => p.pid));
  const drain = await waitForIdle(pids);
  const all = total(mix);
  console.log(`\n${label}: ${opts.duration} s after ${opts.warmup} s of warm-up, load average after ${loadavg()}`);
  console.log(mixTable(mix));
  for (const line of failureSamples(mix)) console.log(line);
  const seconds = all.seconds;
  console.log(
    `  CPU during the phase (cores busy): Kith ${f2(cpu / 1000 / seconds)} (${cluster.processes
      .map((p, i) => `${p.role} ${f2(cpuEach[i] / 1000 / seconds)}`)
      .join(', ')}), ${infraProcs.map((p, i) => `${p.role} ${f2(cpuEach[cluster.processes.length + i] / 1000 / seconds)}, `).join('')}` +
      `load balancer ${f2(lbCpu / 1000 / seconds)}, ` +
      `bench (autocannon) ${f2((benchCpu.user + benchCpu.system) / 1e6 / seconds)}; Kith ${f2(cpu / all.requests)} ms per request`,
  );
  console.log(`  RSS at the end (peak): ${all0.map((p, i) => `${p.role} ${f1(rss[i])} MB (${f1(peak[i])})`).join(', ')}`);
  console.log(
    `  background work queued by the phase done ${f1(drain.ms / 1000)} s after it ended${drain.idle ? '' : ' (still busy: gave up)'}`,
  );
  return { mix, cpuEach, roles: all0.map((p) => p.role), rss, seconds };
}

async function main() {
  const infra = await startInfra(opts);
  const ce = clusterEnv(infra.env, opts.faces);
  const cluster1 = { current: undefined as Cluster | undefined };
  header(opts, infra.describe);
  try {
    const instances = opts.soakMinutes ? opts.soakInstances : 1;
    cluster1.current = await startCluster(ce, instances, { worker: opts.queue === 'bullmq', imageFile: FACELESS_SOURCE });
    const t0 = Date.now();
    const s: Seed = await seed(cluster1.current.url, { users: opts.users, timelineAssets: opts.timelineAssets });
    const seedDrain = await waitForIdle(cluster1.current.processes.map((p) => p.pid));
    console.log(
      `\nseeded through the API: ${s.users.length} users, ${s.timelineAssets} photos in alice's timeline, in ${f1((Date.now() - t0) / 1000)} s (+ ${f1(seedDrain.ms / 1000)} s of background work)`,
    );
    const material = await mixMaterial();
    const kindsOf = (c: Cluster) => builders(s, material, { url: c.url, imageUrl: c.imageUrl });

    if (opts.soakMinutes) {
      console.log(`\nsoak: ${opts.soakMinutes} min of the mix against ${instances} instance(s), RSS every 10 s`);
      const { samples, mix } = await soak(cluster1.current, kindsOf(cluster1.current), opts, opts.soakMinutes);
      console.log(`\nsoak mix figures (${opts.soakMinutes} min):`);
      console.log(mixTable(mix));
      for (const line of failureSamples(mix)) console.log(line);
      const verdict = soakVerdict(cluster1.current, samples, opts.soakMinutes);
      console.log(`\nsoak verdict (RSS = VmRSS of each Kith process, MB = 10^6 bytes):\n${verdict.text}`);
      console.log(`  overall: ${verdict.pass ? 'PASS' : 'FAIL'}`);
      return;
    }

    const one = cluster1.current;
    const base = await baselines(one.instances[0].url, one.url, opts.connections, opts.baselineDuration);
    console.log(`\nbaselines (${opts.connections} connections, ${opts.baselineDuration} s each; the machine's ceiling):\n${base.text}`);
    const mix1 = (await phase(one, kindsOf(one), '1 instance', infra.processes)).mix;
    await one.stop();
    cluster1.current = undefined;

    const two = await startCluster(ce, 2, { worker: opts.queue === 'bullmq', imageFile: FACELESS_SOURCE });
    cluster1.current = two;
    await waitForIdle(two.processes.map((p) => p.pid));
    const mix2 = (await phase(two, kindsOf(two), '2 instances', infra.processes)).mix;
    console.log(`\n1 instance vs 2 instances (req/s, ms; ${os.availableParallelism()} cores in all):\n${comparisonTable(mix1, mix2)}`);
    console.log(`\nper-request cost (2 instances, for sizing):\n${await costTable(two, kindsOf(two), s, opts.connections)}`);
  } finally {
    await cluster1.current?.stop();
    await infra.cleanup();
    fs.rmSync(ce.dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
