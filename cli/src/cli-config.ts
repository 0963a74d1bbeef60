/**
 * The terminal client's saved login: `$XDG_CONFIG_HOME/kith/config.json` (XDG Base Directory Specification 0.8:
 * `~/.config` when XDG_CONFIG_HOME is unset or not absolute), written by `kith login`, read by every command
 * that talks to a server when neither `--url`/`--token` nor KITH_URL/KITH_TOKEN say otherwise.
 *
 * The file holds an API token, a password-equivalent for its scope, so it is written with mode 0600 in a folder
 * of mode 0700, atomically (temp file, then rename), and never widened by the umask.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from './cli-error.js';

/** What `kith login` saved. */
export interface CliLogin {
  /** Server origin, e.g. `http://photos.example:2342` (no trailing slash). */
  url: string;
  /** Personal API token (`kith_…`), sent as `Authorization: Bearer`. */
  token: string;
  /** The account it belongs to, for messages. */
  username?: string;
  /** The token's id on the server, when `kith login` minted it (so `kith logout` can revoke it). */
  tokenId?: string;
  /** The token's scope (scrobble, read, upload, full), when known. */
  scope?: string;
}

/** `$XDG_CONFIG_HOME/kith` (absolute only, as the spec says), else `~/.config/kith`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'kith');
}

export const configFile = (env: NodeJS.ProcessEnv = process.env) => path.join(configDir(env), 'config.json');

/**
 * The saved login, or undefined when there is none.
 * @throws CliError when the file exists but is not a login `kith login` wrote (so a broken file is not silently ignored).
 */
export function readLogin(env: NodeJS.ProcessEnv = process.env): CliLogin | undefined {
  const file = configFile(env);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let parsed: Partial<CliLogin>;
  try {
    parsed = JSON.parse(text) as Partial<CliLogin>;
  } catch {
    throw new CliError(`${file} is not JSON: run kith login again`);
  }
  if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string')
    throw new CliError(`${file} has no url and token: run kith login again`);
  return parsed as CliLogin;
}

/** Saves `login` (mode 0600, folder 0700, atomic). @returns the file's path. */
export function writeLogin(login: CliLogin, env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = configFile(env);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  // The umask can only narrow the mode, but a temp file left by an older run may be wider: set it outright.
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
  return file;
}

/** Removes the saved login. @returns whether there was one. */
export function removeLogin(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    fs.unlinkSync(configFile(env));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
