/**
 * `kith serve` and `kith worker`: start the server workspace's entry point, resolved by package
 * name (`@kith/server/main`, its `exports` entry); the server reads the command from argv.
 */
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

const SERVER_MAIN = fileURLToPath(import.meta.resolve('@kith/server/main'));

export function registerServer(program: Command): void {
  for (const [name, description] of [
    ['serve', 'start the Kith server (HTTP API, web app, realtime; KITH_* environment)'],
    ['worker', 'start a job worker (multi-instance set-ups)'],
  ] as const)
    program
      .command(name)
      .description(description)
      .action(async () => {
        process.argv = [process.argv[0] ?? process.execPath, SERVER_MAIN, name];
        await import(SERVER_MAIN);
      });
}
