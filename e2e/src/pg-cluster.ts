/**
 * A throw-away PostgreSQL cluster of the fault tests (PostgreSQL restarted during load): its own
 * data directory, port and socket directory, so stopping and restarting it never touches the shared
 * server on 5432 that the other tests use. Needs the Debian server binaries and root (the cluster runs
 * as the `postgres` user, through runuser); {@link pgClusterUnavailable} says why not otherwise.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './harness.js';

const run = promisify(execFile);

/** Directory of the newest installed PostgreSQL's binaries, e.g. /usr/lib/postgresql/16/bin. */
function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const [newest] = versions;
  return newest === undefined ? undefined : path.join(root, newest, 'bin');
}

/** Why a dedicated cluster cannot be made here, or undefined when it can. */
export function pgClusterUnavailable(): string | undefined {
  if (!pgBinDir()) return 'initdb is not installed (/usr/lib/postgresql/*/bin/initdb)';
  if (process.getuid?.() !== 0) return 'not running as root (the cluster runs as user postgres through runuser)';
  return undefined;
}

export interface PgCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth). */
  url: string;
  port: number;
  /** pg_ctl stop -m fast: the server ends every session (57P01) and stops accepting connections. */
  stop(): Promise<void>;
  /** pg_ctl start -w: returns once the server accepts connections. */
  start(): Promise<void>;
  /** Stops the server at once and removes its directory. */
  destroy(): Promise<void>;
}

/** initdb + start on a free loopback port; fsync off (a test cluster, thrown away after). */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBinDir()!;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kith-pg-'));
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  await chown(dir, uid, gid);
  const data = path.join(dir, 'data');
  const asPostgres = (cmd: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]);
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  const ctl = (args: string[]) => asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), ...args]);
  const start = async () => void (await ctl(['-w', '-o', options, 'start']));
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop: async () => void (await ctl(['-w', '-m', 'fast', 'stop'])),
    async destroy() {
      await ctl(['-w', '-m', 'immediate', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
