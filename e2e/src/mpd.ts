/**
 * Debian's real music players for the e2e tests: an `mpd` on a free loopback port with a temp
 * config and the null audio output, `mpc` to drive it, `mpdscribble` to report what it plays,
 * and a short tagged FLAC made with `sox` at test time (nothing is downloaded).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exited, freePort } from './harness.js';

const run = promisify(execFile);

/** True when mpd, mpc, mpdscribble and sox are installed (`.ci/run` installs them). */
export async function playersInstalled(): Promise<boolean> {
  try {
    await Promise.all(['mpd', 'mpc', 'mpdscribble', 'sox'].map((c) => run('sh', ['-c', `command -v ${c}`])));
    return true;
  } catch {
    return false;
  }
}

export interface Track {
  file: string;
  title: string;
  artist: string;
  album: string;
  seconds: number;
}

/** Writes a sine-tone FLAC with Vorbis comments TITLE/ARTIST/ALBUM into `dir`. */
export async function makeTrack(dir: string, t: Omit<Track, 'file'>): Promise<Track> {
  const file = `${t.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.flac`;
  await run('sox', [
    '-n',
    '-r',
    '44100',
    '-c',
    '2',
    '--comment',
    `TITLE=${t.title}`,
    '--add-comment',
    `ARTIST=${t.artist}`,
    '--add-comment',
    `ALBUM=${t.album}`,
    path.join(dir, file),
    'synth',
    String(t.seconds),
    'sine',
    '440',
    'gain',
    '-20',
  ]);
  return { ...t, file };
}

export interface Mpd {
  port: number;
  musicDir: string;
  mpc(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const waitForPort = async (port: number, child: ChildProcess, log: () => string) => {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`mpd exited (${child.exitCode}):\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mpd did not listen on ${port}:\n${log()}`);
};

/** Starts `mpd --no-daemon` on a free port with the null output, serving `musicDir`. */
export async function startMpd(): Promise<Mpd> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kith-mpd-'));
  const musicDir = path.join(root, 'music');
  mkdirSync(musicDir);
  mkdirSync(path.join(root, 'playlists'));
  const port = await freePort();
  const conf = path.join(root, 'mpd.conf');
  writeFileSync(
    conf,
    [
      `music_directory "${musicDir}"`,
      `playlist_directory "${path.join(root, 'playlists')}"`,
      `db_file "${path.join(root, 'database')}"`,
      `state_file "${path.join(root, 'state')}"`,
      `log_file "${path.join(root, 'mpd.log')}"`,
      `bind_to_address "127.0.0.1"`,
      `port "${port}"`,
      'audio_output {\n  type "null"\n  name "null"\n}',
      '',
    ].join('\n'),
  );
  let out = '';
  const child = spawn('mpd', ['--no-daemon', '--stderr', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await waitForPort(port, child, () => out);
  return {
    port,
    musicDir,
    mpc: async (...args) => (await run('mpc', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Starts `mpdscribble --no-daemon` reporting mpd's plays to an Audioscrobbler 1.2 `url` as `username`/`password`. */
export async function startMpdscribble(opts: { mpdPort: number; url: string; username: string; password: string }) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kith-mpdscribble-'));
  const conf = path.join(root, 'mpdscribble.conf');
  writeFileSync(
    conf,
    [
      'host = 127.0.0.1',
      `port = ${opts.mpdPort}`,
      `log = ${path.join(root, 'mpdscribble.log')}`,
      'verbose = 2',
      '',
      '[kith]',
      `url = ${opts.url}`,
      `username = ${opts.username}`,
      `password = ${opts.password}`,
      `journal = ${path.join(root, 'kith.journal')}`,
      '',
    ].join('\n'),
  );
  const child = spawn('mpdscribble', ['--no-daemon', '--conf', conf], { stdio: 'ignore' });
  return {
    log: () => {
      try {
        return readFileSync(path.join(root, 'mpdscribble.log'), 'utf8');
      } catch {
        return '';
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
