/**
 * How `kith share` shows its work: progress bars (cli-progress, on stderr, only on a terminal)
 * for face analysis and uploads, and the final photo × recipient table (cli-table3) or JSON.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { ShareProgress, ShareReport, ShareRow } from './share-run.js';

/** The words of the table's result column, e.g. `refused face_not_found`, `not sent: nobody recognised`. */
export function resultLabel(r: ShareRow): string {
  switch (r.result) {
    case 'delivered':
      return r.duplicate ? 'delivered (already there)' : 'delivered';
    case 'refused':
      return `refused ${r.code}`;
    case 'unreachable':
      return `unreachable (${r.code === 'network_error' ? r.message : r.code})`;
    case 'not_sent':
      return `not sent: nobody recognised${r.message ? ` (${r.message})` : ''}`;
    case 'would_send':
      return 'would send (dry run)';
    case 'error':
      return `not sent: ${r.message}`;
  }
}

/** The final table: photo × recipient → result, plus a count line. */
export function renderTable(report: ShareReport, opts: { colour?: boolean } = {}): string {
  const table = new Table({
    head: ['Photo', 'Recipient', 'Result'],
    style: { head: opts.colour ? ['cyan'] : [], border: opts.colour ? ['grey'] : [], compact: true },
  });
  for (const r of report.rows) table.push([path.basename(r.photo), r.recipient ? `${r.recipient} <${r.address}>` : '—', resultLabel(r)]);
  const count = (k: ShareRow['result']) => report.rows.filter((r) => r.result === k).length;
  const summary = [
    count('delivered') ? `${count('delivered')} delivered` : '',
    count('would_send') ? `${count('would_send')} would be sent` : '',
    count('refused') ? `${count('refused')} refused` : '',
    count('unreachable') ? `${count('unreachable')} unreachable` : '',
    count('not_sent') ? `${count('not_sent')} with nobody recognised` : '',
    count('error') ? `${count('error')} unreadable` : '',
  ].filter(Boolean);
  return `${table.toString()}\n${summary.join(', ') || 'Nothing to report'} (${report.contactsUsed} contacts matched against).\n`;
}

/** `--json`: the rows and warnings as one document (paths as given, codes stable). */
export const renderJson = (report: ShareReport) => `${JSON.stringify(report, null, 2)}\n`;

/**
 * Two bars on `stream` ("faces" over reference photos + photos, "upload" over photo × recipient
 * pairs). A no-op when `stream` is not a terminal: logs and pipes get the table only.
 */
export function progressBars(stream: NodeJS.WriteStream = process.stderr): ShareProgress {
  if (!stream.isTTY) return { analysisStart() {}, analysisTick() {}, uploadStart() {}, uploadTick() {}, done() {} };
  const multi = new cliProgress.MultiBar(
    { stream, format: '{label} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let analysis: cliProgress.SingleBar | undefined;
  let upload: cliProgress.SingleBar | undefined;
  return {
    analysisStart: (total) => void (analysis = multi.create(total, 0, { label: 'faces ' })),
    analysisTick: () => analysis?.increment(),
    uploadStart: (total) => void (total ? (upload = multi.create(total, 0, { label: 'upload' })) : undefined),
    uploadTick: (n) => upload?.increment(n),
    done: () => multi.stop(),
  };
}
