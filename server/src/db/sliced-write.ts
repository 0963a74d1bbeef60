import type { Db } from './database.js';

/** One slice of a long write and how to take it back. */
export interface WriteSlice {
  run(q: Db): Promise<unknown>;
  undo(q: Db): Promise<unknown>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes `slices` in order, all or nothing. `each` runs at the end of every transaction (e.g. to
 * bump a change counter).
 *
 * - `short: false` (PostgreSQL): one transaction; its pool keeps serving other requests meanwhile.
 * - `short: true` (SQLite): a transaction holds SQLite's only connection, and with it every other
 *   request's query (even `/api/health`), to its end. Each slice is then its own transaction, with
 *   the connection and the event loop free between them; if one fails, the slices written are undone
 *   (newest first) before the error goes up. Readers may see the slices written so far, and a process
 *   killed in the middle leaves them.
 *
 * @throws the driver's error of the failed slice (or of a failed undo).
 */
export async function writeSliced(
  db: Db,
  slices: WriteSlice[],
  opts: { short: boolean; each?: (q: Db) => Promise<unknown> },
): Promise<void> {
  const inOne = async (q: Db, run: Array<(q: Db) => Promise<unknown>>) => {
    for (const f of run) await f(q);
    await opts.each?.(q);
  };
  if (!slices.length) return;
  if (!opts.short) {
    await db.transaction().execute((trx) =>
      inOne(
        trx,
        slices.map((s) => s.run),
      ),
    );
    return;
  }
  const written: WriteSlice[] = [];
  try {
    for (const s of slices) {
      await db.transaction().execute((trx) => inOne(trx, [s.run]));
      written.push(s);
      await nextTurn();
    }
  } catch (e) {
    for (const s of written.reverse()) await db.transaction().execute((trx) => inOne(trx, [s.undo]));
    throw e;
  }
}
