/**
 * `kith share PHOTOS… --contacts FILE [--group NAME] [--dry-run] [--concurrency N] [--json] [--signing-key FILE]`
 * (seed CN103369031A claims 1–3 and 8–10): send each photo to the album inbox of every
 * contact whose face is in it, recognised locally with the server's face engine.
 *
 * Output: progress bars on stderr (terminal only), then a table photo × recipient → delivered /
 * refused <code> / unreachable / not sent: nobody recognised (or `--json`). Exit 1 when any
 * delivery was refused or unreachable or a photo could not be read.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.js';
import { progressBars, renderJson, renderTable } from '../share/share-report.js';
import { runShare, type ShareOptions } from '../share/share-run.js';
import { readSigningKey } from '../share/signing-key.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

const positiveInt = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return Number(v);
};

interface ShareFlags {
  contacts: string;
  group?: string;
  to?: string[];
  dryRun?: boolean;
  concurrency: number;
  workers?: number;
  json?: boolean;
  senderName?: string;
  senderAddress?: string;
  signingKey?: string;
}

/**
 * The sender of every packet: with a signing key (`--signing-key FILE` or `KITH_SIGNING_KEY`) the
 * address is the key's owner, and a different `--sender-address` is an error (the receiving server
 * checks that the key belongs to the claimed sender, docs/security.md).
 */
async function senderOf(flags: ShareFlags): Promise<ShareOptions['sender']> {
  const file = flags.signingKey ?? process.env.KITH_SIGNING_KEY;
  const sender = { name: flags.senderName ?? null, address: flags.senderAddress ?? null };
  if (!file) return sender;
  let key;
  try {
    key = await readSigningKey(file);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  if (sender.address && sender.address.toLowerCase() !== key.owner)
    throw new CliError(`--sender-address ${sender.address} is not the owner of the signing key (${key.owner})`);
  return { ...sender, address: key.owner, signingKey: key };
}

/** @param overrides lets tests inject a face engine, a retry policy or progress hooks. */
export function registerShare(program: Command, io: Io, overrides: Partial<ShareOptions> = {}): void {
  program
    .command('share')
    .description('send photos to the album inboxes of the contacts whose faces are in them')
    .argument('<photos...>', 'photo files (JPEG, PNG, WebP, HEIF, TIFF), or folders: the photos in them and their subfolders')
    .requiredOption('--contacts <file>', 'address book: a vCard file (2.1/3.0/4.0) or the XML contact format')
    .option('--group <name>', 'only this group: vCard CATEGORIES, or a group file (<name>.group next to the book, or a path)')
    .option(
      '--to <contact>',
      'also send every photo to this contact (name or address; repeat for more) without matching; their server still checks the face',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--dry-run', 'match and show the table, but send nothing')
    .option('--concurrency <n>', 'recipients served at once', positiveInt, 4)
    .option('--workers <n>', 'face analysis threads (default: one per core)', positiveInt)
    .option('--json', 'print the result as JSON instead of a table')
    .option('--sender-name <name>', 'your name, shown with the photos in their inbox')
    .option('--sender-address <user@host>', 'your Kith address, shown with the photos (unverified unless signed)')
    .option(
      '--signing-key <file>',
      'sign packets with a key your Kith issued (POST /api/me/signing-keys, saved as JSON; or KITH_SIGNING_KEY): ' +
        'inboxes open to contacts only accept signed packets',
    )
    .action(async (photos: string[], flags: ShareFlags) => {
      const report = await runShare({
        photos,
        contactsFile: flags.contacts,
        group: flags.group,
        forceTo: flags.to,
        dryRun: flags.dryRun,
        concurrency: flags.concurrency,
        workers: flags.workers,
        sender: await senderOf(flags),
        progress: flags.json ? undefined : progressBars(),
        ...overrides,
      });
      for (const w of report.warnings) io.err(`kith: ${w}\n`);
      io.out(flags.json ? renderJson(report) : renderTable(report, { colour: process.stdout.isTTY }));
      if (report.failed) {
        const n = report.rows.filter((r) => r.result === 'refused' || r.result === 'unreachable' || r.result === 'error').length;
        throw new CliError(`${n} of ${report.rows.length} results failed (see the table)`);
      }
    });
}
