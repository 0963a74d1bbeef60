/**
 * Shared pieces of the benchmarks: a Kith server as a child process (with its RSS read from
 * /proc), sign-up, a bounded-concurrency map, and the PASS/FAIL wording.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited, freePort } from '../../e2e/src/harness.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A Kith server running as a child process, for figures that must not include the bench's own memory. */
export interface KithChild {
  url: string;
  pid: number;
  dataDir: string;
  /** Peak resident set (VmHWM from /proc/<pid>/status), in MB (10^6 bytes); the kernel keeps the maximum, so no sampling gaps. */
  peakRssMB(): number;
  /** Current resident set (VmRSS), in MB. */
  rssMB(): number;
  stop(): Promise<void>;
}

/** Reads a `Vm…:   123456 kB` line (kB = KiB) of /proc/<pid>/status, in MB = 10^6 bytes (Linux only). */
export function procStatusMB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? (Number(m[1]) * 1024) / 1e6 : NaN;
}

/**
 * CPU time a process has used so far (user + system, from /proc/<pid>/stat, Linux only), in ms.
 * Differences over a phase give the CPU a phase cost, whatever the load of the machine.
 */
export function procCpuMs(pid: number): number {
  // Fields after the `(comm)`: utime and stime are the 14th and 15th of the line, in clock ticks (USER_HZ = 100).
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Starts `kith serve` as `node --import tsx server/src/main.ts serve` (so the child's pid is
 * the server itself, not a tsx wrapper) on a fresh temp data dir with SQLite, API only.
 * With `BENCH_CPU_PROF=<dir>` the server runs under `node --cpu-prof` and writes a `.cpuprofile`
 * there when it stops (open it in Chrome DevTools → Performance, or speedscope).
 *
 * `keepDataDir` leaves the data dir in place on `stop()` (instances sharing one; the caller removes it).
 *
 * @throws when it does not answer `GET /api/me` within `timeoutMs`, with its stderr.
 */
export async function startKithServer(
  opts: { timeoutMs?: number; env?: Record<string, string>; dataDir?: string; keepDataDir?: boolean } = {},
): Promise<KithChild> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kith-bench-'));
  const port = await freePort();
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/src/main.ts', 'serve'], {
    cwd: REPO,
    // Same allocator setting as `npm start` (server/package.json serve script).
    env: {
      ...process.env,
      MALLOC_ARENA_MAX: '2',
      KITH_PORT: String(port),
      KITH_HOST: '127.0.0.1',
      KITH_DATA_DIR: dataDir,
      KITH_LOG_LEVEL: 'warn',
      // Benchmarks sign many users up on a fresh server; the invite-only default is not what they measure.
      KITH_SIGNUP: 'open',
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Kith exited with ${child.exitCode}:\n${stderr}`);
    try {
      await fetch(`${url}/api/me`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Kith did not start within ${opts.timeoutMs ?? 60_000} ms:\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    dataDir,
    peakRssMB: () => procStatusMB(pid, 'VmHWM'),
    rssMB: () => procStatusMB(pid, 'VmRSS'),
    async stop() {
      if (child.exitCode === null) {
        const done = exited(child);
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await done;
        clearTimeout(t);
      }
      // Several instances may share one data dir (local blobs on a shared volume): the caller removes it.
      if (!opts.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up `username` on `url` and returns the `Cookie` header of its session. */
export async function signupCookie(url: string, username: string, password = 'bench-password-1'): Promise<string> {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`signup ${username}: HTTP ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** `PASS` / `FAIL` with the target, for the printed table. */
export const verdict = (pass: boolean, target: string) => `${pass ? 'PASS' : 'FAIL'} (target ${target})`;
