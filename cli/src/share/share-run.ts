/**
 * The whole of `kith share` as one function, without terminal output (share.command.ts draws
 * progress and the table): the terminal device of seed CN103369031A claim 8 — address book
 * reading unit (address-book.ts), photo matching unit (face-matcher.ts), photo sharing unit
 * (inbox-client.ts) — run over every photo × every chosen contact ([0068]).
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import pLimit from 'p-limit';
import { createFaceEngine } from '@kith/faces';
import { CliError } from '../cli-error.js';
import { readAddressBook, selectGroup } from './address-book.js';
import { describeContacts, matchPhotos, type Analyser, type PhotoMatch } from './face-matcher.js';
import { DEFAULT_RETRY, networkMessage, type RetryPolicy } from './http-retry.js';
import { discoverInbox, sendToInbox, type DeliveryOutcome, type Sender } from './inbox-client.js';
import { expandPhotoPaths } from './photo-files.js';
import { isUsable, type ShareContact } from './share-contact.js';

export interface ShareOptions {
  photos: string[];
  contactsFile: string;
  group?: string;
  /** Names or addresses to send every photo to without local matching (the server still checks faces). */
  forceTo?: string[];
  dryRun?: boolean;
  /** Uploads in flight (recipients served at once), ≥ 1. */
  concurrency: number;
  /** Face worker threads; default the core count. */
  workers?: number;
  sender: Sender;
  retry?: RetryPolicy;
  /** Injected in tests; by default a `@kith/faces` pool of `workers` threads, closed at the end. */
  engine?: Analyser;
  progress?: ShareProgress;
}

/** Hooks for the progress bars: totals first, then one tick per unit of work. */
export interface ShareProgress {
  analysisStart(total: number): void;
  analysisTick(): void;
  uploadStart(total: number): void;
  uploadTick(n: number): void;
  done(): void;
}

export type RowResult = 'delivered' | 'refused' | 'unreachable' | 'not_sent' | 'would_send' | 'error';

/** One line of the final table: a photo × a recipient (or the photo alone when nobody is recognised). */
export interface ShareRow {
  photo: string;
  recipient: string | null;
  address: string | null;
  result: RowResult;
  /** `unknown_account`, `face_not_found`, `nobody_recognised`, `network_error`, … */
  code: string | null;
  message: string | null;
  /** On delivery: the asset id on the recipient's server and whether it was already there. */
  assetId?: string;
  duplicate?: boolean;
  /** Local match distance (engine metric), absent for forced sends. */
  distance?: number;
}

export interface ShareReport {
  rows: ShareRow[];
  /** Contacts left out and why, and other warnings. */
  warnings: string[];
  contactsUsed: number;
  /** True when any row is refused, unreachable or an error. */
  failed: boolean;
}

const FAILED: RowResult[] = ['refused', 'unreachable', 'error'];

/** Unique picture names for the packets: the file name, prefixed by its position when two photos share one. */
function pictureNames(photos: string[]): Map<string, string> {
  const seen = new Map<string, number>();
  for (const p of photos) seen.set(path.basename(p), (seen.get(path.basename(p)) ?? 0) + 1);
  return new Map(photos.map((p, i) => [p, seen.get(path.basename(p))! > 1 ? `${i + 1}-${path.basename(p)}` : path.basename(p)]));
}

/**
 * Runs `kith share`.
 * @throws CliError for unusable input (no photos, unreadable or malformed address book, empty group,
 *         no usable contact, `--to` naming nobody); per-photo and per-recipient failures are rows.
 */
export async function runShare(options: ShareOptions): Promise<ShareReport> {
  if (!options.photos.length) throw new CliError('give at least one photo to share');
  // Folders stand for the photos inside them (recursively), as users expect of a sharing command.
  const o = { ...options, photos: await expandPhotoPaths(options.photos) };
  const warnings: string[] = [];
  const book = await readAddressBook(o.contactsFile);
  const { contacts: chosen, warnings: groupWarnings } = await selectGroup(book, o.group, o.contactsFile);
  warnings.push(...groupWarnings);
  for (const c of chosen.filter((c) => !isUsable(c))) warnings.push(`${c.name} (${c.source}) is left out: ${c.problems.join('; ')}`);
  const usable = chosen.filter(isUsable);
  if (!usable.length)
    throw new CliError(`no contact of ${o.contactsFile}${o.group ? ` in group "${o.group}"` : ''} has both an album address and a photo`);
  const forced = resolveForced(usable, o.forceTo ?? []);

  const engine = o.engine ?? createFaceEngine({ poolSize: o.workers });
  let matches: PhotoMatch<(typeof usable)[number]>[];
  try {
    o.progress?.analysisStart(usable.length + o.photos.length);
    const described = await describeContacts(engine, usable, () => o.progress?.analysisTick());
    for (const p of described.problems) warnings.push(`${p.contact.name} (${p.contact.source}) is left out: ${p.problem}`);
    for (const r of described.references) if (r.warning) warnings.push(`${r.contact.name}: ${r.warning}`);
    matches = await matchPhotos(engine, described.references, o.photos, () => o.progress?.analysisTick());
  } finally {
    if (!o.engine) await (engine as ReturnType<typeof createFaceEngine>).close();
  }

  const names = pictureNames(o.photos);
  const rows: ShareRow[] = [];
  // recipient address → its contact and the photos going to it
  const plan = new Map<
    string,
    { contact: ShareContact & { album: NonNullable<ShareContact['album']> }; photos: { path: string; distance?: number }[] }
  >();
  const add = (c: (typeof usable)[number], photo: string, distance?: number) => {
    const key = c.album.address;
    if (!plan.has(key)) plan.set(key, { contact: c, photos: [] });
    if (!plan.get(key)!.photos.some((p) => p.path === photo)) plan.get(key)!.photos.push({ path: photo, distance });
  };
  for (const m of matches) {
    if (m.error) rows.push({ photo: m.path, recipient: null, address: null, result: 'error', code: 'unreadable_photo', message: m.error });
    else if (!m.recipients.length && !forced.length)
      rows.push({
        photo: m.path,
        recipient: null,
        address: null,
        result: 'not_sent',
        code: 'nobody_recognised',
        message: m.faces ? `${m.faces} ${m.faces === 1 ? 'face' : 'faces'}, none of a chosen contact` : 'no face found',
      });
    for (const r of m.error ? [] : m.recipients) add(r.contact, m.path, r.distance);
    if (!m.error) for (const c of forced) add(c, m.path);
  }

  const total = [...plan.values()].reduce((n, p) => n + p.photos.length, 0);
  o.progress?.uploadStart(o.dryRun ? 0 : total);
  const limit = pLimit(Math.max(1, o.concurrency));
  await Promise.all(
    [...plan.values()].map(({ contact, photos }) =>
      limit(async () => {
        const row = (p: { path: string; distance?: number }, outcome: DeliveryOutcome | null): ShareRow => ({
          photo: p.path,
          recipient: contact.name,
          address: contact.album.address,
          distance: p.distance,
          ...rowOf(outcome),
        });
        if (o.dryRun) return void rows.push(...photos.map((p) => row(p, null)));
        const outcomes = await deliver(contact.album, photos, names, o);
        const missing: DeliveryOutcome = {
          status: 'refused',
          code: 'no_result',
          message: 'the server did not report this picture',
          httpStatus: 0,
        };
        rows.push(...photos.map((p) => row(p, outcomes.get(names.get(p.path)!) ?? missing)));
        o.progress?.uploadTick(photos.length);
      }),
    ),
  );
  o.progress?.done();
  const order = (r: ShareRow) => o.photos.indexOf(r.photo);
  rows.sort((a, b) => order(a) - order(b) || (a.recipient ?? '').localeCompare(b.recipient ?? ''));
  return { rows, warnings, contactsUsed: usable.length, failed: rows.some((r) => FAILED.includes(r.result)) };
}

function resolveForced<C extends ShareContact>(usable: C[], forceTo: string[]): C[] {
  return forceTo.map((want) => {
    const w = want.toLowerCase();
    const c = usable.find(
      (c) => c.name.toLowerCase() === w || c.album?.address.toLowerCase() === w || c.album?.username.toLowerCase() === w,
    );
    if (!c) throw new CliError(`--to ${want}: no usable contact has that name or address`);
    return c;
  });
}

async function deliver(
  to: NonNullable<ShareContact['album']>,
  photos: { path: string }[],
  names: Map<string, string>,
  o: ShareOptions,
): Promise<Map<string, DeliveryOutcome>> {
  const policy = o.retry ?? DEFAULT_RETRY;
  let discovery;
  try {
    discovery = await discoverInbox(to.origin, policy);
  } catch (e) {
    const message = networkMessage(e);
    return new Map(photos.map((p) => [names.get(p.path)!, { status: 'unreachable', code: 'network_error', message } as DeliveryOutcome]));
  }
  const pictures = await Promise.all(
    photos.map(async (p) => ({
      name: names.get(p.path)!,
      size: (await fs.stat(p.path)).size,
      load: async () => new Uint8Array(await fs.readFile(p.path)),
    })),
  );
  return sendToInbox(to, discovery, pictures, o.sender, policy);
}

function rowOf(outcome: DeliveryOutcome | null): Pick<ShareRow, 'result' | 'code' | 'message' | 'assetId' | 'duplicate'> {
  if (!outcome) return { result: 'would_send', code: null, message: 'dry run: not sent' };
  if (outcome.status === 'delivered')
    return { result: 'delivered', code: null, message: null, assetId: outcome.assetId, duplicate: outcome.duplicate };
  return { result: outcome.status, code: outcome.code, message: outcome.message };
}
