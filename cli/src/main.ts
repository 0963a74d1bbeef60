/**
 * `kith`: one command for the terminal client and the server.
 *
 * - `kith now-playing set|stop|watch|friends` (seed CN102664943A), `kith share` (seed CN103369031A), `kith upload`
 *   (bulk upload), `kith login`/`kith logout` (saved server and token): each command group lives in
 *   `src/commands/<name>.command.ts` and registers itself on the program here;
 * - `kith import takeout` brings a Google Photos library in from a Takeout export;
 * - `kith serve` / `kith worker` start the server workspace (`@kith/server/main`).
 */
import { Command, CommanderError } from 'commander';
import { registerImport } from './commands/import.command.js';
import { registerNowPlaying } from './commands/now-playing.command.js';
import { registerServer } from './commands/server.command.js';
import { registerShare } from './commands/share.command.js';
import { registerLogin } from './commands/login.command.js';
import { registerUpload } from './commands/upload.command.js';
import { CliError } from './cli-error.js';

/** Builds the program; tests call this with their own output streams. */
export function buildProgram(io: { out: (s: string) => void; err: (s: string) => void } = defaultIo): Command {
  const program = new Command('kith')
    .description('Kith, a self-hosted sharing cloud: terminal client')
    .option('--url <url>', 'Kith server URL (or KITH_URL; else the one kith login saved)')
    .option(
      '--token <token>',
      'personal API token, made under Settings → API tokens or by kith login (or KITH_TOKEN); scope scrobble for now-playing set/stop/watch, read for friends, upload for upload, full for all',
    )
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError()
    .exitOverride();
  registerServer(program);
  registerNowPlaying(program, io);
  registerShare(program, io);
  registerUpload(program, io);
  registerLogin(program, io);
  registerImport(program, io);
  return program;
}

const defaultIo = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) };

/** Runs `argv` (as `process.argv`); exits 1 on a CLI or API error, with its message only. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    if (e instanceof CliError) {
      process.stderr.write(`kith: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
