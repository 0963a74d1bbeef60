import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Schemas } from '@kith/sdk';
import { partyPhotoPath } from '@kith/bench/fixtures';
import { ok, type DemoSession } from './demo-users.js';

type Round = Schemas['ExchangeRound'];

/** A finished round, as the demo prints it. */
export interface RoundResult {
  exchangeId: string;
  round: Round;
  /** Absolute URL of the composite (or the partner's image in exchange mode), for the logged-in side. */
  resultUrl: string | null;
  /** Public URL through the guest's capability token (synthesis with a stranger only). */
  guestUrl: string | null;
  /** Size of the downloaded result, read back with sharp. */
  size: { width: number; height: number } | null;
  /** Where the demo saved the result (data/, gitignored), to look at. */
  savedAs: string | null;
}

/** A party photo as a multipart `image` part (the original file: the server re-encodes it without EXIF). */
async function imageForm(sample: number): Promise<FormData> {
  const form = new FormData();
  const bytes = new Uint8Array(await fs.readFile(partyPhotoPath(sample)));
  form.append('image', new Blob([bytes], { type: 'image/jpeg' }), path.basename(partyPhotoPath(sample)));
  return form;
}

/** `POST /api/exchanges/{id}/captures` as `s` (multipart, like the web app's camera or file picker). */
async function capture(baseUrl: string, s: DemoSession, id: string, sample: number): Promise<void> {
  const res = await fetch(`${baseUrl}/api/exchanges/${id}/captures`, {
    method: 'POST',
    headers: { cookie: s.cookie },
    body: await imageForm(sample),
  });
  if (!res.ok) throw new Error(`capture by ${s.person.username}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Polls `GET /api/exchanges/{id}` until round `n` is `done` or `failed` (synthesis runs the face
 * engine and the segmentation model on both photos: seconds, more under load).
 * @throws after `timeoutMs` with the phase it was stuck in.
 */
async function waitForRound(s: DemoSession, id: string, n: number, timeoutMs = 120_000): Promise<Round> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { exchange } = ok('GET /api/exchanges/{id}', await s.kith.GET('/api/exchanges/{id}', { params: { path: { id } } }));
    const round = exchange.rounds.find((r) => r.n === n);
    if (round && (round.phase === 'done' || round.phase === 'failed')) return round;
    if (Date.now() > deadline) throw new Error(`exchange ${id} round ${n} still ${round?.phase ?? 'missing'} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Downloads a round image as `s` and keeps a copy under data/ (gitignored) to look at. */
async function fetchImage(baseUrl: string, s: DemoSession, rel: string, saveAs: string) {
  const res = await fetch(new URL(rel, baseUrl), { headers: { cookie: s.cookie } });
  if (!res.ok) throw new Error(`GET ${rel}: HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  const file = path.resolve('data', saveAs);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
  return { size: { width: meta.width!, height: meta.height! }, savedAs: path.relative(process.cwd(), file) };
}

/** The invite a stranger receives, and what joining gave them. */
export interface StrangerInvite {
  exchangeId: string;
  inviteUrl: string;
  qrSvgBytes: number;
  guestToken: string;
  guestName: string;
}

/**
 * alice invites a stranger to a group photo (`POST /api/exchanges` `{ mode: 'synthesis', invite: true }`),
 * and the demo plays the stranger through the public guest API: `POST /api/guest/exchanges/{token}/join`
 * with a display name swaps the one-time invite token for the guest's own token. A new exchange
 * every run (the invite is one-time), ended at the end so nothing stays open.
 */
export async function inviteStranger(baseUrl: string, alice: DemoSession, guestName: string): Promise<StrangerInvite> {
  const created = ok('POST /api/exchanges', await alice.kith.POST('/api/exchanges', { body: { mode: 'synthesis', invite: true } }));
  if (!created.invite) throw new Error('POST /api/exchanges with invite: true answered without an invite');
  const token = new URL(created.invite.url).pathname.split('/').pop()!;
  const res = await fetch(`${baseUrl}/api/guest/exchanges/${encodeURIComponent(token)}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: guestName }),
  });
  const joined = (await res.json()) as { guestToken?: string; code?: string; message?: string };
  if (!res.ok || !joined.guestToken) throw new Error(`guest join: HTTP ${res.status} ${joined.code ?? ''} ${joined.message ?? ''}`);
  return {
    exchangeId: created.exchange.id,
    inviteUrl: created.invite.url,
    qrSvgBytes: created.invite.qrSvg.length,
    guestToken: joined.guestToken,
    guestName,
  };
}

/**
 * One synthesis round with the stranger: the guest sends a party photo (`POST /api/guest/exchanges/{guestToken}/captures`,
 * no login), alice sends hers, which is the scene; the server cuts the guest's person out and stands them beside alice's.
 * Ends the exchange afterwards (`POST /api/exchanges/{id}/end`).
 *
 * @param guestSample, aliceSample 0-based party photo indexes.
 */
export async function synthesisRound(
  baseUrl: string,
  alice: DemoSession,
  invite: StrangerInvite,
  guestSample: number,
  aliceSample: number,
): Promise<RoundResult> {
  const guestPath = `${baseUrl}/api/guest/exchanges/${encodeURIComponent(invite.guestToken)}`;
  const res = await fetch(`${guestPath}/captures`, { method: 'POST', body: await imageForm(guestSample) });
  if (!res.ok) throw new Error(`guest capture: HTTP ${res.status} ${await res.text()}`);
  await capture(baseUrl, alice, invite.exchangeId, aliceSample);
  const round = await waitForRound(alice, invite.exchangeId, 1);
  const got = round.images.result ? await fetchImage(baseUrl, alice, round.images.result, 'demo-exchange-group-photo.jpg') : null;
  await end(alice, invite.exchangeId);
  return {
    exchangeId: invite.exchangeId,
    round,
    resultUrl: round.images.result ? new URL(round.images.result, baseUrl).href : null,
    guestUrl: round.images.result ? `${guestPath}/rounds/${round.n}/result` : null,
    size: got?.size ?? null,
    savedAs: got?.savedAs ?? null,
  };
}

async function end(s: DemoSession, id: string): Promise<void> {
  ok('POST /api/exchanges/{id}/end', await s.kith.POST('/api/exchanges/{id}/end', { params: { path: { id } } }));
}

/**
 * An exchange-mode round between two accounts: `from` asks `to` by username, `to` accepts (explicit
 * consent; `to`'s policy must allow it: the default `contacts` does, since the demo's address books
 * link them), both capture, and each gets the other's photo re-encoded without metadata. Ended afterwards.
 *
 * @returns the round as `from` sees it, with the partner's image downloaded.
 */
export async function exchangeRound(
  baseUrl: string,
  from: DemoSession,
  to: DemoSession,
  fromSample: number,
  toSample: number,
): Promise<RoundResult> {
  const body = { mode: 'exchange' as const, to: to.person.username };
  const { exchange } = ok('POST /api/exchanges', await from.kith.POST('/api/exchanges', { body }));
  ok('POST /api/exchanges/{id}/accept', await to.kith.POST('/api/exchanges/{id}/accept', { params: { path: { id: exchange.id } } }));
  await capture(baseUrl, from, exchange.id, fromSample);
  await capture(baseUrl, to, exchange.id, toSample);
  const round = await waitForRound(from, exchange.id, 1);
  const rel = round.images.responder;
  const got = rel ? await fetchImage(baseUrl, from, rel, `demo-exchange-from-${to.person.username}.jpg`) : null;
  await end(from, exchange.id);
  return {
    exchangeId: exchange.id,
    round,
    resultUrl: rel ? new URL(rel, baseUrl).href : null,
    guestUrl: null,
    size: got?.size ?? null,
    savedAs: got?.savedAs ?? null,
  };
}
