/**
 * `kith upload PATH… [--album NAME] [--recursive] [--dry-run] [--concurrency N] [--json]`: bulk upload from the
 * terminal, as `immich upload` does. Hashes locally, asks the server which photos it already has
 * (`POST /api/assets/exists`), uploads the rest, and files them all into `--album` (created when missing).
 *
 * Output: progress bars on stderr (terminal only), then a summary table on stdout (or one JSON object with `--json`).
 * Exit 1 when any file failed or the album could not be updated; a re-run after an interrupt sends only what is missing.
 * Auth: `kith login`, or `--url`/`--token`, or KITH_URL/KITH_TOKEN (an `upload` token is enough without `--album`).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.js';
import { connectionFrom } from '../connection.js';
import { progressBars, renderJson, renderSummary } from '../upload/upload-report.js';
import { runUpload, type UploadOptions } from '../upload/upload-run.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

/** `--concurrency`: a whole number from 1 to 64 (more only queues on the server). */
const concurrency = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return Number(v);
};

interface UploadFlags {
  album?: string;
  recursive?: boolean;
  dryRun?: boolean;
  concurrency: number;
  json?: boolean;
}

/** @param overrides lets tests inject a retry policy or progress hooks. */
export function registerUpload(program: Command, io: Io, overrides: Partial<UploadOptions> = {}): void {
  program
    .command('upload')
    .description('upload photos and folders of photos to your Kith library, skipping what the server already has')
    .argument('<paths...>', 'photo files, or folders: the photos in them (JPEG, PNG, WebP, AVIF, GIF, TIFF; hidden files left out)')
    .option('--album <name>', 'also put the photos (new and already uploaded) in this album of yours, created if missing')
    .option('-r, --recursive', 'walk sub-folders too')
    .option('--dry-run', 'hash and ask the server, but upload nothing and change no album')
    .option('--concurrency <n>', 'files hashed and uploaded at once', concurrency, 4)
    .option('--json', 'print one JSON summary object instead of the table')
    .action(async (paths: string[], flags: UploadFlags, cmd: Command) => {
      if (flags.album !== undefined && !flags.album.trim()) throw new CliError('--album needs a name');
      const conn = connectionFrom(cmd);
      const report = await runUpload(conn, {
        paths,
        recursive: flags.recursive,
        dryRun: flags.dryRun,
        concurrency: flags.concurrency,
        album: flags.album?.trim(),
        progress: flags.json ? undefined : progressBars(),
        ...overrides,
      });
      io.out(flags.json ? renderJson(report) : renderSummary(report, { colour: process.stdout.isTTY }));
      if (report.failed) {
        const what = [
          report.counts.failed ? `${report.counts.failed} file(s) failed` : '',
          report.album?.error ? 'the album was not updated' : '',
        ]
          .filter(Boolean)
          .join(' and ');
        throw new CliError(`${what}${flags.json ? '' : ' (see above)'}`);
      }
    });
}
