/** `kith serve` and `kith worker`: start the server of this repository (server/src/main.ts reads the command from argv). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

const SERVER_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/src/main.ts');

export function registerServer(program: Command): void {
  for (const [name, description] of [
    ['serve', 'start the Kith server (HTTP API, web app, realtime; KITH_* environment)'],
    ['worker', 'start a job worker (multi-instance set-ups)'],
  ] as const)
    program
      .command(name)
      .description(description)
      .action(async () => {
        process.argv = [process.argv[0], SERVER_MAIN, name];
        await import(SERVER_MAIN);
      });
}
