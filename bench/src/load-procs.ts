/**
 * Process figures for `bench:load` from /proc (Linux): CPU used by a set of processes, their
 * resident memory, and waiting until their background work has drained.
 */
import { procCpuMs, procStatusMB } from './bench-harness.js';

/** CPU time (user + system, ms, 10 ms ticks) used so far by all of `pids` together, worker threads included. */
export const cpuMsOf = (pids: number[]) => pids.reduce((sum, pid) => sum + procCpuMs(pid), 0);

/** VmRSS of each pid, MB (10^6 bytes). */
export const rssOf = (pids: number[]) => pids.map((pid) => procStatusMB(pid, 'VmRSS'));

/** VmHWM (peak RSS the kernel kept) of each pid, MB. */
export const peakRssOf = (pids: number[]) => pids.map((pid) => procStatusMB(pid, 'VmHWM'));

/**
 * Waits until `pids` together use less than `idleShare` of one core over `windowMs`, twice in a row:
 * the background jobs that requests queued (thumbnails, previews, face analysis, event detection)
 * are then done. Gives up after `limitMs`.
 * @returns ms from the call until idle (or until the limit), and whether it became idle.
 */
export async function waitForIdle(pids: number[], opts: { windowMs?: number; idleShare?: number; limitMs?: number } = {}) {
  const windowMs = opts.windowMs ?? 1000;
  const idleShare = opts.idleShare ?? 0.05;
  const limitMs = opts.limitMs ?? 600_000;
  const t0 = Date.now();
  let quiet = 0;
  let last = cpuMsOf(pids);
  while (Date.now() - t0 < limitMs) {
    await new Promise((r) => setTimeout(r, windowMs));
    const now = cpuMsOf(pids);
    quiet = now - last <= windowMs * idleShare ? quiet + 1 : 0;
    last = now;
    // The first quiet window began when the work ended.
    if (quiet === 2) return { ms: Date.now() - t0 - 2 * windowMs, idle: true };
  }
  return { ms: Date.now() - t0, idle: false };
}
