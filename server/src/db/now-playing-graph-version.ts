import type { Db } from './database.js';

/**
 * Increments `np_graph_version`, so the cached now-playing audiences are recomputed: every write that
 * changes who sees whom calls it in its own transaction (now-playing profiles and confirmations, and the
 * phone identity's claims and verifications). Here, below both folders, so neither imports the other for it.
 */
export const bumpGraphVersion = (q: Db) =>
  q
    .updateTable('np_graph_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
