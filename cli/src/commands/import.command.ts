/**
 * `kith import takeout FILE.zip|FOLDER… [--dry-run] [--concurrency N] [--json]`: brings a Google Photos
 * library in from a Google Takeout export as downloaded (zip parts read in place, or extracted folders).
 * Each photo goes up with what its JSON sidecar knows (capture time, place, caption: used where the photo's
 * own EXIF lacks them; people's names: kept as suggestions for People), and Takeout albums become Kith
 * albums. Running it again after a stop resumes: photos already in the library are answered as duplicates.
 *
 * Needs `--url`/`--token` (or KITH_URL/KITH_TOKEN) with a `full` scope token (uploads and albums).
 * Output: a summary (or `--json`); progress on stderr in a terminal. Exit 1 when any photo failed.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.js';
import { connectionFrom } from '../connection.js';
import { runTakeoutImport, type TakeoutImportReport } from '../takeout/takeout-import.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

const positiveInt = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 16) throw new InvalidArgumentError('expected a whole number from 1 to 16');
  return Number(v);
};

/** The human summary of a run. */
export function renderTakeoutReport(r: TakeoutImportReport, dryRun = false): string {
  const lines = [
    dryRun
      ? `${r.photos} photos found (nothing uploaded: --dry-run)`
      : `${r.photos} photos: ${r.created} new, ${r.duplicates} already in your library, ${r.failed.length} failed`,
    `sidecars: ${
      Object.entries(r.matched)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'none'
    }; ${r.withoutSidecar.length} photos without one`,
  ];
  if (r.skipped.length) lines.push(`${r.skipped.length} other files skipped (videos, HTML, …)`);
  for (const a of r.albums) lines.push(`album “${a.title}”: ${a.created ? 'created' : 'found'}, ${a.added} of ${a.photos} photos added`);
  for (const f of r.failed) lines.push(`failed: ${f.path}: ${f.message}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

export function registerImport(program: Command, io: Io): void {
  const imp = program.command('import').description('bring photos in from another service');
  imp
    .command('takeout')
    .description('import a Google Photos library from a Google Takeout export (.zip parts or extracted folders)')
    .argument('<inputs...>', 'Takeout .zip files (all parts of a split export) and/or extracted folders')
    .option('--dry-run', 'match photos with their sidecars and albums, upload nothing')
    .option('--concurrency <n>', 'uploads at once (1–16)', positiveInt, 3)
    .option('--json', 'print the report as JSON')
    .action(async (inputs: string[], flags: { dryRun?: boolean; concurrency: number; json?: boolean }, cmd: Command) => {
      const connection = connectionFrom(cmd);
      const tty = !flags.json && process.stderr.isTTY;
      const report = await runTakeoutImport({
        inputs,
        connection,
        concurrency: flags.concurrency,
        dryRun: flags.dryRun,
        onProgress: tty ? (done, total) => io.err(`\r${done}/${total} photos`) : undefined,
      });
      if (tty) io.err('\n');
      io.out(flags.json ? JSON.stringify(report, null, 1) + '\n' : renderTakeoutReport(report, flags.dryRun));
      if (report.failed.length) throw new CliError(`${report.failed.length} of ${report.photos} photos failed`);
    });
}
