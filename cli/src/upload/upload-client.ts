/**
 * What `kith upload` says to the server: the bulk existence check (`POST /api/assets/exists`), one multipart
 * upload per file (`POST /api/assets`, retried on network errors, 5xx and 429), and album look-up, creation and
 * additions (`GET`/`POST /api/albums`, `POST /api/albums/{id}/assets`).
 */
import crypto from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FormData } from 'undici';
import { call, type Connection } from '../connection.js';
import { exchange, networkMessage, withRetry, type RetryPolicy } from '../share/http-retry.js';

/** Most checksums the server takes per existence check (server/src/assets/assets.schema.ts). */
export const EXISTS_BATCH = 1000;
/** Most asset ids one album request takes (server/src/albums/albums.schema.ts). */
export const ALBUM_BATCH = 10_000;

/** SHA-256 of a file's bytes, lower-case hex: the digest the server deduplicates assets by. Streams (constant memory). */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Which of `checksums` the caller already has on the server, asked in slices of {@link EXISTS_BATCH}.
 * @returns checksum → asset id, for the ones present.
 * @throws CliError when the server refuses (401 bad token, …) or cannot be reached.
 */
export async function existingAssets(conn: Connection, checksums: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < checksums.length; i += EXISTS_BATCH) {
    const slice = checksums.slice(i, i + EXISTS_BATCH);
    const { existing } = await call(conn.client.op.checkExistingAssets({ body: { checksums: slice } }));
    for (const e of existing) found.set(e.checksum, e.assetId);
  }
  return found;
}

/** The outcome of one file's upload. `httpStatus` 0 for a network failure. */
export type UploadOutcome =
  { status: 'created' | 'duplicate'; assetId: string } | { status: 'failed'; code: string; message: string; httpStatus: number };

/**
 * Sends one file as `multipart/form-data` to `POST /api/assets` (streamed from disk), with retries per `policy`.
 * Never throws: a refusal (413, 415, 422, 401, 403 …) or an unreachable server is a `failed` outcome with the server's
 * stable `code` (`network_error` when it could not be reached).
 */
export async function uploadFile(conn: Connection, file: string, policy: RetryPolicy): Promise<UploadOutcome> {
  try {
    const answer = await withRetry(async (signal) => {
      const form = new FormData();
      form.append('file', await openAsBlob(file), path.basename(file));
      return exchange(`${conn.url}/api/assets`, { method: 'POST', body: form, headers: { authorization: `Bearer ${conn.token}` } }, signal);
    }, policy);
    const body = answer.body as {
      results?: { status: 'created' | 'duplicate' | 'failed'; asset?: { id: string }; error?: { code: string; message: string } }[];
      code?: string;
      message?: string;
    };
    const result = answer.status === 200 ? body.results?.[0] : undefined;
    if (result?.asset && result.status !== 'failed') return { status: result.status, assetId: result.asset.id };
    const error = result?.error ?? { code: body?.code ?? 'http_error', message: body?.message ?? String(answer.body).slice(0, 200) };
    return { status: 'failed', code: error.code, message: error.message, httpStatus: answer.status };
  } catch (e) {
    return { status: 'failed', code: 'network_error', message: networkMessage(e), httpStatus: 0 };
  }
}

/** An album of the caller's by exact name (user albums they own), or undefined. */
export async function findAlbum(conn: Connection, name: string): Promise<{ id: string; assetCount: number } | undefined> {
  const { albums } = await call(conn.client.op.listAlbums());
  return albums.find((a) => a.kind === 'user' && a.role === 'owner' && a.name === name);
}

/**
 * Puts `assetIds` into the album named `name`, creating it when the caller owns none of that name; ids already in
 * the album are skipped by the server. Sends slices of {@link ALBUM_BATCH}.
 * @returns the album's id and whether it was created now.
 * @throws CliError when the server refuses (403 `insufficient_scope` for a token without `full` scope, …).
 */
export async function addToAlbum(conn: Connection, name: string, assetIds: string[]): Promise<{ id: string; created: boolean }> {
  const existing = await findAlbum(conn, name);
  let id = existing?.id;
  let rest = assetIds;
  if (!id) {
    const first = assetIds.slice(0, ALBUM_BATCH);
    const { album } = await call(conn.client.op.createAlbum({ body: { name, assetIds: first } }));
    id = album.id;
    rest = assetIds.slice(first.length);
  }
  for (let i = 0; i < rest.length; i += ALBUM_BATCH)
    await call(conn.client.op.addAlbumAssets({ params: { path: { id } }, body: { assetIds: rest.slice(i, i + ALBUM_BATCH) } }));
  return { id, created: !existing };
}
