/**
 * How `kith upload` shows its work: two progress bars (cli-progress, on stderr, only on a terminal) for hashing and
 * uploading, then a summary table (cli-table3) of new / duplicate / failed / skipped with the failed and skipped
 * files and why, or (`--json`) one JSON object.
 */
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { FileRow, UploadProgress, UploadReport } from './upload-run.js';

/** The `--json` document: counts at the top level (for `jq .new`), then what needs a look. */
export interface UploadSummaryJson {
  new: number;
  duplicate: number;
  failed: number;
  skipped: number;
  /** Dry run: what would be sent. */
  wouldUpload: number;
  /** Files considered: the sum of the five counts. */
  total: number;
  dryRun: boolean;
  album: UploadReport['album'] | null;
  failures: { path: string; code: string | null; message: string | null }[];
  skippedFiles: { path: string; code: string | null }[];
  warnings: string[];
}

export function summaryJson(report: UploadReport): UploadSummaryJson {
  const c = report.counts;
  const pick = (r: FileRow) => ({ path: r.path, code: r.code ?? null });
  return {
    new: c.new,
    duplicate: c.duplicate,
    failed: c.failed,
    skipped: c.skipped,
    wouldUpload: c.would_upload,
    total: report.rows.length,
    dryRun: report.dryRun,
    album: report.album ?? null,
    failures: report.rows.filter((r) => r.result === 'failed').map((r) => ({ ...pick(r), message: r.message ?? null })),
    skippedFiles: report.rows.filter((r) => r.result === 'skipped').map(pick),
    warnings: report.warnings,
  };
}

export const renderJson = (report: UploadReport) => `${JSON.stringify(summaryJson(report))}\n`;

/** The album line: `Album "Party": created, 12 photos in it.` and the like. */
function albumLine(album: NonNullable<UploadReport['album']>, dryRun: boolean): string {
  if (album.error) return `Album "${album.name}": not updated: ${album.error}`;
  if (dryRun)
    return `Album "${album.name}": ${album.created ? 'would be created' : 'exists'}; ${album.assets} photo(s) would be put in it.`;
  if (!album.id) return `Album "${album.name}": nothing to put in it.`;
  return `Album "${album.name}": ${album.created ? 'created' : 'updated'}; ${album.assets} photo(s) of this run are in it.`;
}

/** The summary table, the failed and skipped files with their reasons, warnings and the album line. */
export function renderSummary(report: UploadReport, opts: { colour?: boolean } = {}): string {
  const style = { head: opts.colour ? ['cyan'] : [], border: opts.colour ? ['grey'] : [], compact: true };
  const c = report.counts;
  const counts = new Table({ head: ['Result', 'Files'], style });
  counts.push(['new', c.new], ['duplicate', c.duplicate], ['failed', c.failed], ['skipped', c.skipped]);
  if (report.dryRun) counts.push(['would upload (dry run)', c.would_upload]);
  let out = `${counts.toString()}\n`;
  const problems = report.rows.filter((r) => r.result === 'failed' || r.result === 'skipped');
  if (problems.length) {
    const list = new Table({ head: ['File', 'Result', 'Why'], style });
    for (const r of problems) list.push([r.path, `${r.result}${r.code ? ` ${r.code}` : ''}`, r.message ?? '']);
    out += `${list.toString()}\n`;
  }
  for (const w of report.warnings) out += `Note: ${w}\n`;
  if (report.album) out += `${albumLine(report.album, report.dryRun)}\n`;
  return out;
}

/** Two bars on `stream`, "hash" and "upload", over files. A no-op when `stream` is not a terminal. */
export function progressBars(stream: NodeJS.WriteStream = process.stderr): UploadProgress {
  if (!stream.isTTY) return { hashStart() {}, hashTick() {}, uploadStart() {}, uploadTick() {}, done() {} };
  const multi = new cliProgress.MultiBar(
    { stream, format: '{label} [{bar}] {value}/{total} files | {eta_formatted} left', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let hash: cliProgress.SingleBar | undefined;
  let upload: cliProgress.SingleBar | undefined;
  return {
    hashStart: (total) => void (hash = multi.create(total, 0, { label: 'hash  ' })),
    hashTick: () => hash?.increment(),
    uploadStart: (total) => void (upload = multi.create(total, 0, { label: 'upload' })),
    uploadTick: () => upload?.increment(),
    done: () => multi.stop(),
  };
}
