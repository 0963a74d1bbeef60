/**
 * Asking the person at the terminal for a server, a username and a password (`kith login`), and reading a password
 * from standard input (`--password-stdin`, as `docker login` does, so it stays out of the process list and history).
 */
import readline from 'node:readline/promises';
import { Writable } from 'node:stream';
import { CliError } from '../cli-error.js';

/**
 * One line typed at the terminal; with `muted` the typed characters are not echoed (passwords).
 * @throws CliError when standard input is not a terminal (nobody to ask: give the value as an option instead).
 */
export async function ask(question: string, opts: { muted?: boolean; hint: string }): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError(`no terminal to ask for it: ${opts.hint}`);
  process.stderr.write(question);
  // readline echoes what is typed to its output: a sink that drops it hides the password.
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!opts.muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  try {
    return (await rl.question('')).trim();
  } finally {
    rl.close();
    if (opts.muted) process.stderr.write('\n');
  }
}

/** The first line of standard input, without its line ending. @throws CliError when it is empty. */
export async function firstLineOfStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new CliError('--password-stdin: standard input held no password');
  return line;
}
