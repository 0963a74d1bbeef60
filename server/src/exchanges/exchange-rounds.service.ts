import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ExchangeComposer } from './composer-port.js';
import type { ExchangeCore, Participant } from './exchange-core.js';
import { cleanCapture, describe } from './exchange-image.js';
import { sha256Of } from '../assets/asset-derivatives.js';
import type { Principal } from '../common/principal.js';
import type { SaveExchangeImage } from './exchange-library.js';
import type { ExchangesRepository, RoundRow } from './exchanges.repository.js';
import { visibleImages } from './exchanges.mapper.js';

export interface ExchangeRoundsDeps {
  config: Config;
  blobs: BlobStore;
  jobs: JobQueue;
  repo: ExchangesRepository;
  core: ExchangeCore;
  composer: ExchangeComposer;
  saveImage: SaveExchangeImage;
  log?: { error(obj: object, msg: string): void };
}

/**
 * Rounds of an exchange (the image-exchange-and-synthesis seed claims: "receive the images sent by the requesting user
 * and the responding user, and execute image exchange or image synthesis exchange"): captures,
 * the exchange or the composite once both are in, reactions, the next round, and downloads.
 */
export function createExchangeRounds(deps: ExchangeRoundsDeps) {
  const { config, blobs, jobs, repo, core } = deps;

  const freshRound = (exchangeId: string, n: number, mode: RoundRow['result_mode']): RoundRow => ({
    exchange_id: exchangeId,
    n,
    phase: 'waiting',
    requester_sha: null,
    responder_sha: null,
    result_sha: null,
    requester_source_sha: null,
    responder_source_sha: null,
    result_mode: mode,
    note: null,
    created_at: Date.now(),
    done_at: null,
  });

  /**
   * A round is over: keep a guest's link alive for its downloads and tell both sides. Its images
   * stay in the exchange; each participant saves the ones they want ({@link saveImage}).
   */
  async function finished(exchangeId: string) {
    const row = await core.load(exchangeId);
    if (!row.responder_id) await repo.touch(row.id, { guest_until: Date.now() + config.exchangeGuestDownloadMs });
    await core.announce(row.id);
  }

  /**
   * The `exchange.compose` job's work (exchange-compose.job.ts). Synthesis: the composite is made off the
   * request (segmentation takes a while); both sides see it at once when done. Idempotent: a round no
   * longer `composing` is left alone; a failed composite fails the round (no retry).
   */
  async function compose(exchangeId: string, n: number): Promise<void> {
    const round = await repo.round(exchangeId, n);
    if (round?.phase !== 'composing' || !round.requester_sha || !round.responder_sha) return; // idempotent
    try {
      const [a, b] = await Promise.all([blobs.read(round.requester_sha), blobs.read(round.responder_sha)]);
      const composed = await deps.composer.compose(a, b);
      const result = await describe(composed.bytes);
      await blobs.putBuffer(result.bytes, result.sha256);
      const moved = await repo.setPhase(exchangeId, n, 'composing', {
        phase: 'done',
        result_sha: result.sha256,
        result_mode: composed.mode,
        note: composed.note,
        done_at: Date.now(),
      });
      if (moved) await finished(exchangeId);
    } catch (e) {
      // The same two images would fail again: the round fails (either side may start another), no retry.
      deps.log?.error({ err: e, exchangeId, n }, 'exchange composite failed');
      const note = 'The group photo could not be made; start another round to try again.';
      if (await repo.setPhase(exchangeId, n, 'composing', { phase: 'failed', note, done_at: Date.now() })) await core.announce(exchangeId);
    }
  }

  return {
    freshRound,
    compose,

    /**
     * Takes one side's image for the current round: re-encoded without metadata (exchange-image.ts), stored, and
     * when the other side's is in too, exchanged at once (exchange mode) or handed to the compositor (synthesis).
     * Each side captures once per round.
     * @throws 409 `exchange_not_active`, 409 `already_captured`, 413/415/422 from {@link cleanCapture}.
     */
    async capture(p: Participant, bytes: Buffer) {
      core.requireActive(p.row);
      const n = p.row.current_round;
      const image = await cleanCapture(bytes, config.exchangeMaxBytes, config.maxImagePixels);
      await blobs.putBuffer(image.bytes, image.sha256);
      if (!(await repo.setCapture(p.row.id, n, p.side, image.sha256, sha256Of(bytes))))
        throw errors.conflict('already_captured', 'You already sent your image for this round; wait for the next one.');
      const round = (await repo.round(p.row.id, n))!;
      if (round.requester_sha && round.responder_sha) {
        if (p.row.mode === 'exchange') {
          if (await repo.setPhase(p.row.id, n, 'waiting', { phase: 'done', done_at: Date.now() })) await finished(p.row.id);
        } else if (await repo.setPhase(p.row.id, n, 'waiting', { phase: 'composing' })) {
          await core.announce(p.row.id);
          await jobs.enqueue('exchange.compose', { exchangeId: p.row.id, n });
        }
      } else await core.announce(p.row.id);
      return { ...p, row: await core.load(p.row.id) };
    },

    /** Starts round n + 1 (either side). @throws 409 `exchange_not_active`, 409 `round_in_progress` (the current one is not over). */
    async nextRound(p: Participant) {
      core.requireActive(p.row);
      const n = p.row.current_round;
      const current = await repo.round(p.row.id, n);
      if (current && current.phase !== 'done' && current.phase !== 'failed')
        throw errors.conflict('round_in_progress', `Round ${n} is not finished yet.`);
      // Lost a race with the other side starting it: that round is the one wanted anyway.
      await repo.nextRound(p.row.id, n, freshRound(p.row.id, n + 1, p.row.mode));
      const row = await core.announce(p.row.id);
      return { ...p, row };
    },

    /** Adds a reaction to a finished round and tells both sides. @throws 404 (no such round), 409 `round_not_done`. */
    async react(p: Participant, n: number, emoji: string) {
      const round = await repo.round(p.row.id, n);
      if (!round) throw errors.notFound('round');
      if (round.phase !== 'done') throw errors.conflict('round_not_done', 'React once the round is done.');
      await repo.addReaction({ exchange_id: p.row.id, n, by: p.side, emoji, created_at: Date.now() });
      core.tellBoth(p.row, 'exchange.reaction', { exchangeId: p.row.id, round: n, by: p.side, emoji });
      return p;
    },

    /**
     * One image of a round as JPEG bytes (re-encoded, no metadata), if the participant may see it:
     * its own; the partner's once both are in; the composite once made. @throws 404 `not_found` otherwise.
     */
    async image(p: Participant, n: number, which: 'requester' | 'responder' | 'result') {
      const round = await repo.round(p.row.id, n);
      if (!round || !visibleImages(round, p.side).includes(which)) throw errors.notFound('image');
      const sha = round[`${which}_sha`]!;
      return { stream: blobs.stream(sha), mime: 'image/jpeg', size: await blobs.size(sha) };
    },

    /**
     * Saves one image of a round into the participant's library, once, and never as a copy of a
     * photo the library already holds (exchange-library.ts). Only an account has a library.
     * @throws 404 `not_found` for an image the participant may not see.
     */
    async saveImage(p: Participant, principal: Principal, n: number, which: 'requester' | 'responder' | 'result') {
      const round = await repo.round(p.row.id, n);
      if (!round || !visibleImages(round, p.side).includes(which)) throw errors.notFound('image');
      const sourceSha = which === 'result' ? null : round[`${which}_source_sha`];
      return deps.saveImage(principal, { exchangeId: p.row.id, n, which, sha: round[`${which}_sha`]!, sourceSha });
    },
  };
}

export type ExchangeRounds = ReturnType<typeof createExchangeRounds>;
