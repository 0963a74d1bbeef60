/**
 * Starts a real Kith server (`kith serve` from server/src/main.ts, run by Node with tsx's
 * loader) as a child process on a free port with a fresh data directory, for browser tests.
 * The server serves the built web app from web/dist, so that must exist first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_INDEX = path.join(REPO_ROOT, 'web/dist/index.html');
/** Upper bound for boot (migrations + first compile by tsx on a shared 2-core box); a readiness guard, not an assertion. */
const BOOT_LIMIT_MS = 60_000;

export interface KithServer {
  /** e.g. `http://127.0.0.1:41234` (also the server's KITH_PUBLIC_URL). */
  url: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** The server's process (fault tests send it SIGKILL). */
  child: ChildProcess;
  /** SIGTERM, then SIGKILL if it has not exited; then removes the data directory. */
  stop(): Promise<void>;
}

/** Throws a clear message when the web app has not been built. */
export function requireWebBuild(): void {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(
      `The web app is not built (${WEB_INDEX} is missing). Run \`npm run build -w web\` (the root \`npm test\` does it) before the e2e tests.`,
    );
  }
}

/** A TCP port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `child` has exited (at once if it already has, by code or by signal). */
export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Polls GET /api/me until it answers 401 (the app is up, nobody is logged in). */
async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + BOOT_LIMIT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Kith exited with code ${child.exitCode} while starting:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/me`);
      if (res.status === 401) return;
      last = `GET /api/me answered ${res.status}: ${await res.text()}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Kith did not come up at ${url} within ${BOOT_LIMIT_MS / 1000}s (${last}). Output:\n${output()}`);
}

/** Waits until the child prints a line matching `pattern` (a worker has no HTTP to poll). */
async function waitForLine(pattern: RegExp, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + BOOT_LIMIT_MS;
  while (!pattern.test(output())) {
    if (child.exitCode !== null) throw new Error(`Kith exited with code ${child.exitCode} while starting:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`Kith did not print ${pattern} within ${BOOT_LIMIT_MS / 1000}s. Output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Boots a Kith server on SQLite in a temp dir (or what `env` says: PostgreSQL, Redis, S3). Call `stop()` in afterAll.
 * `command: 'worker'` starts `kith worker` instead (no HTTP: ready once it logs that it is up).
 * `port` and `dataDir` restart a killed server in its place (same address behind a load balancer, same
 * temp files left behind); `stop()` still removes `dataDir`.
 */
export async function startKith(
  env: Record<string, string> = {},
  opts: { command?: 'serve' | 'worker'; port?: number; dataDir?: string } = {},
): Promise<KithServer> {
  requireWebBuild();
  const command = opts.command ?? 'serve';
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'kith-e2e-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', command], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      KITH_PORT: String(port),
      KITH_HOST: '127.0.0.1',
      KITH_DATA_DIR: dataDir,
      KITH_LOG_LEVEL: command === 'worker' ? 'info' : 'warn',
      KITH_PUBLIC_URL: url,
      // Face analysis loads ~350 MB of models per worker: only tests that need it turn it on.
      KITH_FACE_ANALYSIS: 'off',
      // Browser tests sign several people up through the form on a fresh server; the invite-only default
      // (docs/security.md, "Sign-up") is held by server/test/integration/signup-modes.test.ts.
      KITH_SIGNUP: 'open',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const output = () => out;
  // If the test runner dies without afterAll, the server must not outlive it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);

  const stop = async () => {
    process.off('exit', orphanGuard);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // A graceful close should take well under this; then it is killed outright.
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await (command === 'worker' ? waitForLine(/Kith worker is up/, child, output) : waitUntilUp(url, child, output));
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, dataDir, output, child, stop };
}
