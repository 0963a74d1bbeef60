import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configDir, readLogin, removeLogin, writeLogin } from '../src/cli-config.js';
import { connectionFrom } from '../src/connection.js';
import { serverOrigin } from '../src/commands/login.command.js';

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-cli-config-'));
  env = { HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg') };
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

/** A command whose global options are `argv` (as `kith --url … upload` would give). */
const cmd = (...argv: string[]) => {
  const program = new Command().option('--url <url>').option('--token <token>').exitOverride();
  program.parse(argv, { from: 'user' });
  return program;
};

describe('saved login', () => {
  it('lives in $XDG_CONFIG_HOME/kith, else ~/.config/kith (a relative XDG_CONFIG_HOME is ignored, as the spec says)', () => {
    expect(configDir(env)).toBe(path.join(home, 'xdg', 'kith'));
    expect(configDir({ HOME: home })).toBe(path.join(home, '.config', 'kith'));
    expect(configDir({ HOME: home, XDG_CONFIG_HOME: 'relative/dir' })).toBe(path.join(home, '.config', 'kith'));
  });

  it('is written with mode 0600 in a folder of mode 0700, whatever the umask, and read back', () => {
    const old = process.umask(0o000);
    try {
      const file = writeLogin({ url: 'http://kith.test:2342', token: 'kith_secret', username: 'alice' }, env);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(old);
    }
    expect(readLogin(env)).toEqual({ url: 'http://kith.test:2342', token: 'kith_secret', username: 'alice' });
    expect(removeLogin(env)).toBe(true);
    expect(readLogin(env)).toBeUndefined();
    expect(removeLogin(env)).toBe(false);
  });

  it('refuses a broken file instead of ignoring it', () => {
    fs.mkdirSync(configDir(env), { recursive: true });
    fs.writeFileSync(path.join(configDir(env), 'config.json'), '{"url": 1}');
    expect(() => readLogin(env)).toThrow(/run kith login again/);
  });
});

describe('connectionFrom', () => {
  beforeEach(() => void writeLogin({ url: 'http://saved.test:2342', token: 'kith_saved' }, env));

  it('uses the saved login when nothing else is given', () => {
    expect(connectionFrom(cmd(), env)).toMatchObject({ url: 'http://saved.test:2342', token: 'kith_saved' });
  });

  it('prefers flags, then KITH_URL/KITH_TOKEN, over the saved login', () => {
    expect(connectionFrom(cmd('--url', 'http://a.test', '--token', 'kith_a'), env)).toMatchObject({
      url: 'http://a.test',
      token: 'kith_a',
    });
    const e = { ...env, KITH_URL: 'http://b.test/', KITH_TOKEN: 'kith_b' };
    expect(connectionFrom(cmd(), e)).toMatchObject({ url: 'http://b.test', token: 'kith_b' });
    expect(connectionFrom(cmd(), { ...env, KITH_TOKEN: 'kith_c' })).toMatchObject({ url: 'http://saved.test:2342', token: 'kith_c' });
  });

  it('never sends the saved token to another server', () => {
    expect(() => connectionFrom(cmd('--url', 'http://elsewhere.test'), env)).toThrow(/set an API token/);
    expect(connectionFrom(cmd('--url', 'http://saved.test:2342/'), env).token).toBe('kith_saved');
  });

  it('says how to log in when there is nothing at all', () => {
    removeLogin(env);
    expect(() => connectionFrom(cmd(), env)).toThrow(/kith login/);
  });
});

describe('serverOrigin', () => {
  it('keeps scheme, host and port only, and refuses what is not an http(s) URL', () => {
    expect(serverOrigin('http://photos.example:2342/some/path?x=1')).toBe('http://photos.example:2342');
    expect(serverOrigin('https://photos.example/')).toBe('https://photos.example');
    expect(() => serverOrigin('photos.example')).toThrow(/not a URL/);
    expect(() => serverOrigin('ftp://photos.example')).toThrow(/http:\/\/ or https:\/\//);
  });
});
