/**
 * Address books are read in a worker thread (piscina) instead of on the event loop: a 20 MB vCard
 * takes seconds of CPU (ical.js, libphonenumber), and on the main thread every other request, even
 * `/api/health`, would wait for it. docs/security.md "Address-book parsing limits".
 */
import os from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { errors } from '../common/errors.js';
import { VCardSyntaxError } from '@kith/address-book';
import type { BookEntryInput, CardOutcome, TaskFailure, VCardTask, VCardTaskResult } from './vcard-tasks.js';

/** Files waiting for the reader before a new one is refused with 503 `vcard_busy`. */
const MAX_QUEUED = 32;

/** A whole file over a file-level limit; the routes answer 422 `too_many_cards`. */
export class VCardLimitError extends Error {
  constructor(
    public readonly cards: number,
    public readonly limit: number,
  ) {
    super(`The file holds ${cards} cards; Kith reads at most ${limit} per file.`);
    this.name = 'VCardLimitError';
  }
}

/** 422 `too_many_cards` with `{ cards, limit }`: nothing was read or written. */
export const tooManyCards = (e: VCardLimitError, what: string) =>
  errors.unprocessable('too_many_cards', `${e.message} Split ${what} into files of at most ${e.limit} cards; nothing was imported.`, {
    cards: e.cards,
    limit: e.limit,
  });

function unwrap(result: VCardTaskResult): Exclude<VCardTaskResult, { ok: false }> {
  if (result.ok) return result;
  const f: TaskFailure = result.failure;
  if (f.kind === 'syntax') throw new VCardSyntaxError(f.card, f.line, f.detail);
  throw new VCardLimitError(f.cards, f.limit);
}

/**
 * Starts the reader: at most one thread on a 2-core machine (the other core keeps serving), idle
 * threads exit after a minute, so a server that reads no vCard runs no thread.
 */
export function createVCardReader() {
  const threads = Math.max(1, Math.min(2, os.availableParallelism() - 1));
  const pool = new Piscina({
    filename: new URL('./vcard.worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    maxQueue: MAX_QUEUED,
    idleTimeout: 60_000,
    // vcard.worker.mjs registers tsx itself.
    execArgv: [],
  });

  async function run(task: VCardTask, transfer?: Transferable[]) {
    let result: VCardTaskResult;
    try {
      result = (await pool.run(task, { transferList: transfer as never })) as VCardTaskResult;
    } catch (e) {
      if (/queue is at limit/i.test((e as Error).message))
        throw errors.unavailable('vcard_busy', 'The server is reading many address books right now; send the file again in a minute.');
      throw e;
    }
    return unwrap(result);
  }

  return {
    /**
     * Reads a vCard import file (bytes in any charset `vcard-charset.ts` reads; `charset` from Content-Type) into per-card outcomes, off the event loop.
     * @throws VCardSyntaxError for a malformed file, VCardLimitError over MAX_CARDS_PER_IMPORT, 503 `vcard_busy`.
     */
    async contacts(bytes: Uint8Array, region: string, charset: string | null = null): Promise<CardOutcome[]> {
      const copy = new Uint8Array(bytes).buffer as ArrayBuffer; // transferred, so the caller's buffer stays whole
      // The outcomes come back in batches on a port of their own, each read in its own event-loop turn.
      const { port1, port2 } = new MessageChannel();
      const cards: CardOutcome[] = [];
      let expected = Infinity;
      let arrived!: () => void;
      const all = new Promise<void>((resolve) => (arrived = resolve));
      port1.on('message', (batch: CardOutcome[]) => {
        cards.push(...batch);
        if (cards.length >= expected) arrived();
      });
      try {
        const r = await run({ kind: 'contacts', bytes: new Uint8Array(copy), region, charset, port: port2 }, [copy, port2]);
        if (r.kind !== 'contacts') throw new Error(`unexpected vCard worker reply ${r.kind}`);
        expected = r.count;
        if (cards.length >= expected) arrived();
        await all;
        return cards;
      } finally {
        port1.close();
      }
    },

    /**
     * Reads a now-playing address book (vCard text or JSON entries) into keyed phone hashes, off the event loop.
     * @param own the uploader's own number (E.164), left out of the hashes.
     * @throws VCardSyntaxError, VCardLimitError, 503 `vcard_busy`.
     */
    async book(input: { vcard?: string; contacts?: BookEntryInput[]; region: string; own: string; secret: string }) {
      const r = await run({ kind: 'book', ...input });
      if (r.kind !== 'book') throw new Error(`unexpected vCard worker reply ${r.kind}`);
      return { hashes: r.hashes, skipped: r.skipped };
    },

    close: () => pool.destroy(),
  };
}

export type VCardReader = ReturnType<typeof createVCardReader>;
