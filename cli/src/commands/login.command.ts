/**
 * `kith login [URL] [--token T | --username NAME [--password-stdin]] [--scope S]` and `kith logout`: save (or forget)
 * the server and an API token in `$XDG_CONFIG_HOME/kith/config.json` (mode 0600, cli-config.ts), so later commands
 * need neither `--url`/`--token` nor KITH_URL/KITH_TOKEN.
 *
 * With `--token` (or KITH_TOKEN) the token is checked and saved. Otherwise the password (asked at the terminal, or the
 * first line of standard input with `--password-stdin`) mints a new token of `--scope` (default `full`: everything the
 * terminal client does, `kith upload --album` included; `upload` is enough for `kith upload` without albums).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.js';
import { configFile, readLogin, removeLogin, writeLogin } from '../cli-config.js';
import { ask, firstLineOfStdin, loginWithPassword, loginWithToken, revokeSaved, type TokenScope } from '../login/login-flow.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

const SCOPES: readonly TokenScope[] = ['scrobble', 'read', 'upload', 'full'];
const scopeArg = (v: string) => {
  if (!SCOPES.includes(v as TokenScope)) throw new InvalidArgumentError(`expected one of ${SCOPES.join(', ')}`);
  return v as TokenScope;
};

/** `http://host:2342` from what was typed: scheme required, path, query and trailing slash dropped. */
export function serverOrigin(typed: string): string {
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw new CliError(`${typed} is not a URL: give the server as http://host:2342`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`${typed}: the server URL must start with http:// or https://`);
  return url.origin;
}

interface LoginFlags {
  username?: string;
  passwordStdin?: boolean;
  scope: TokenScope;
}

export function registerLogin(program: Command, io: Io, env: NodeJS.ProcessEnv = process.env): void {
  program
    .command('login')
    .description('save a Kith server and an API token for later commands (in $XDG_CONFIG_HOME/kith/config.json, mode 0600)')
    .argument('[url]', 'the server, e.g. http://photos.example:2342 (or --url / KITH_URL)')
    .option('--username <name>', 'log in with this account’s password and make a new API token')
    .option('--password-stdin', 'read the password from the first line of standard input instead of asking')
    .option('--scope <scope>', 'scope of the token made with a password: scrobble, read, upload or full', scopeArg, 'full')
    .action(async (urlArg: string | undefined, flags: LoginFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<{ url?: string; token?: string }>();
      const typed =
        urlArg ?? globals.url ?? (env.KITH_URL || undefined) ?? (await ask('Kith server URL: ', { hint: 'give it as kith login URL' }));
      const url = serverOrigin(typed);
      const token = globals.token ?? (flags.username ? undefined : env.KITH_TOKEN || undefined);
      let login;
      if (token) login = await loginWithToken(url, token);
      else {
        const username = flags.username ?? (await ask('Username: ', { hint: 'give --username NAME, or --token TOKEN' }));
        const password = flags.passwordStdin
          ? await firstLineOfStdin()
          : await ask('Password: ', { muted: true, hint: 'give --password-stdin and pipe the password in' });
        if (!username || !password) throw new CliError('a username and a password are needed');
        login = await loginWithPassword(url, username, password, flags.scope);
      }
      const file = writeLogin(login, env);
      io.out(`Logged in to ${url} as ${login.username}${login.scope ? ` (token scope ${login.scope})` : ''}; saved in ${file}\n`);
    });

  program
    .command('logout')
    .description('forget the saved server and token (and revoke the token when kith login made it)')
    .action(async () => {
      const saved = readLogin(env);
      if (!saved) return void io.out(`Not logged in (no ${configFile(env)}).\n`);
      const why = await revokeSaved(saved);
      removeLogin(env);
      io.out(`Logged out of ${saved.url}.\n`);
      if (why) io.err(`kith: the token was not revoked on the server (${why}); revoke it under Settings → API tokens\n`);
    });
}
