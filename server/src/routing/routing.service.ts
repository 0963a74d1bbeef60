import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../common/principal.js';
import { kithAddressOf } from '../accounts/accounts.mapper.js';
import type { AssetsRepository } from '../assets/assets.repository.js';
import type { AccessService } from '../access/access.service.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/config.js';
import { errors } from '../common/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { RequestSigningKey } from '../signing/http-signature.js';
import type { InboxClient } from './inbox-client.js';
import { deliverLocally, type InboxReceiver } from './local-delivery.js';
import { toDeliveryDto, toSuggestionDtos } from './routing.mapper.js';
import {
  newDeliveryRow,
  type DeliveryRow,
  type RecognisedContactFace,
  type RoutingMode,
  type RoutingRepository,
} from './routing.repository.js';
import { strongestEvidence } from './routing-evidence.js';
import type { RoutingEvidenceRepository } from './routing-evidence.repository.js';
import { destinationOf, targetOf } from './routing-destinations.js';

export interface RoutingDeps {
  repo: RoutingRepository;
  evidence: RoutingEvidenceRepository;
  config: Config;
  blobs: BlobStore;
  jobs: JobQueue;
  realtime: RealtimeHub;
  assets: AssetsRepository;
  /** The asset check (`requireAsset`): a photo's deliveries are its owner's to see. */
  access: Pick<AccessService, 'requireAsset'>;
  /** Same-server delivery: the inbox service's `receive` (same checks as the public inbox). */
  inbox: InboxReceiver;
  /** Server-to-server delivery through the SSRF guard. */
  remote: InboxClient;
  /** The key this server signs an account's remote deliveries with (RFC 9421), made on first use. */
  signingKey: (accountId: string, username: string) => Promise<RequestSigningKey>;
  /** Attempts per delivery before it is marked `failed`; at most the job queue's own attempts. */
  maxAttempts: number;
  log?: FastifyBaseLogger;
}

/** Suggestion rows read per request (a card per photo; a few hundred photos at most on screen). */
const SUGGESTION_ROWS = 500;

/**
 * Server-side routing (beyond seed CN103369031A, whose terminal does the matching): the photos an owner uploads reach the
 * contacts recognised in them. Seed CN103369031A claim 1 does the matching on the terminal;
 * here the server already knows the faces (face-placement.ts), so after each analysis the
 * recognised contacts with a destination become deliveries — sent at once (`auto`), suggested
 * (`suggest`, the default) or nothing (`off`) — delivered by the job `routing.deliver` to the
 * contact's inbox on this server (claims 4–6 through the inbox service) or on another Kith server
 * (its public inbox, claims 4 and 7), retried with backoff; refusals (claims 5–6) are final.
 */
export function createRoutingService(deps: RoutingDeps) {
  const { repo, config, jobs, realtime } = deps;
  const localHost = new URL(config.publicUrl).host;

  async function pushUpdated(id: string) {
    const v = await repo.findView(id);
    if (v) realtime.emitToAccount(v.owner_id, 'delivery.updated', { delivery: toDeliveryDto(v) });
  }

  async function queue(ids: string[]) {
    await repo.setStatus(ids, 'queued', { code: null, message: null });
    for (const id of ids) {
      await jobs.enqueue('routing.deliver', { deliveryId: id });
      await pushUpdated(id);
    }
  }

  /** One attempt of one delivery: the `routing.deliver` job. Idempotent: anything not queued is left alone. */
  async function deliver(deliveryId: string): Promise<void> {
    const attempt = await repo.startAttempt(deliveryId);
    if (attempt === null) return;
    const row = (await repo.find(deliveryId))!;
    await pushUpdated(row.id);
    // An unexpected error (e.g. the blob store) counts as a passing failure, so the row never stays `sending`.
    const outcome = await attemptDelivery(row).catch((e: unknown) => {
      deps.log?.error({ err: e, deliveryId }, 'delivery attempt failed unexpectedly');
      return { status: 'retry' as const, code: 'internal_error', message: 'Kith could not send the photo; it tries again.' };
    });
    if (outcome.status === 'delivered') {
      await repo.finish(row.id, { status: 'delivered', code: null, message: null, remote_asset_id: outcome.remoteAssetId });
    } else if (outcome.status === 'refused' || attempt >= deps.maxAttempts) {
      await repo.finish(row.id, {
        status: outcome.status === 'refused' ? 'refused' : 'failed',
        code: outcome.code,
        message: outcome.message,
      });
    } else {
      await repo.finish(row.id, { status: 'queued', code: outcome.code, message: outcome.message });
      await pushUpdated(row.id);
      // Thrown so the job queue runs it again after its backoff.
      throw new Error(`delivery ${row.id} attempt ${attempt} failed (${outcome.code}); retrying`);
    }
    await pushUpdated(row.id);
  }

  async function attemptDelivery(row: DeliveryRow) {
    const asset = await deps.assets.findById(row.asset_id);
    const owner = await repo.owner(row.owner_id);
    if (!asset || !owner) return { status: 'refused' as const, code: 'not_found', message: 'The photo or its owner is gone.' };
    if (asset.trashed_at != null)
      return { status: 'refused' as const, code: 'in_trash', message: 'The owner moved the photo to the trash.' };
    const bytes = await deps.blobs.read(asset.sha256);
    const sender = { name: owner.display_name, address: kithAddressOf(owner.username, config.publicUrl) };
    const picture = { name: asset.original_name, bytes, mime: asset.mime };
    if (row.destination === 'local')
      return deliverLocally(deps.inbox, { account: row.target, picture, sender: { ...sender, accountId: row.owner_id } });
    const url = new URL(row.target);
    const username = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
    const origin = url.origin + url.pathname.slice(0, url.pathname.lastIndexOf('/inbox/'));
    const signingKey = await deps.signingKey(row.owner_id, owner.username);
    return deps.remote.send({ origin, username, senderName: sender.name, senderAddress: sender.address, picture, signingKey });
  }

  /** The owner's suggested deliveries of one photo, or 404 (also for someone else's photo). */
  async function suggestedOf(principal: Principal, assetId: string) {
    const rows = await repo.suggestedOf(principal.accountId, assetId);
    if (!rows.length) throw errors.notFound('suggestion');
    return rows;
  }

  return {
    deliver,

    /**
     * Called after the faces of a photo are placed (faces.analyse). Every recognised contact
     * (never the owner) with a destination gets one delivery row per photo (unique asset+contact,
     * so a re-analysis adds nothing twice), carrying the evidence it stands on (routing-evidence.ts).
     * `auto` queues it only when that evidence is the owner's own (the photo in the owner's contact
     * card, or a person the owner linked or confirmed) and only on the photo's first analysis — a
     * re-index only suggests, so a model change never mass-sends an old library; a match against a
     * reference face the recipient registered, and nothing else, is a suggestion whatever the mode
     * (docs/security.md "Faces and automatic sharing"). `suggest` records suggestions and pushes
     * `routing.suggested`; `off` does nothing. Photos received through the inbox are not routed on.
     */
    async onFacesPlaced(ownerId: string, assetId: string, opts: { firstAnalysis: boolean }): Promise<void> {
      const mode = await repo.mode(ownerId);
      if (mode === 'off' || (await repo.isReceived(assetId))) return;
      // A photo moved to the trash while its faces were being analysed is not routed.
      if ((await deps.assets.findById(assetId))?.trashed_at != null) return;
      const owner = await repo.owner(ownerId);
      const now = Date.now();
      const autoSend = mode === 'auto' && opts.firstAnalysis;
      const byContact = new Map<string, RecognisedContactFace[]>();
      for (const f of await repo.contactFacesInAsset(ownerId, assetId)) byContact.set(f.id, [...(byContact.get(f.id) ?? []), f]);
      const rows: DeliveryRow[] = [];
      for (const [contactId, faces] of byContact) {
        const c = faces[0];
        if (c.linked_account_id === ownerId) continue;
        const d = destinationOf(c, localHost);
        if (!d || (d.kind === 'local' && d.username === owner?.username)) continue;
        const { sender, evidence } = strongestEvidence(faces, contactId);
        const status = autoSend && sender ? 'queued' : 'suggested';
        rows.push(
          newDeliveryRow(
            { owner_id: ownerId, asset_id: assetId, contact_id: contactId, destination: d.kind, target: targetOf(d), status, ...evidence },
            now,
          ),
        );
      }
      const inserted = new Set(await repo.insertNew(rows));
      const queued = rows.filter((r) => inserted.has(r.id) && r.status === 'queued').map((r) => r.id);
      for (const id of queued) await jobs.enqueue('routing.deliver', { deliveryId: id });
      for (const id of queued) await pushUpdated(id);
      if (rows.some((r) => inserted.has(r.id) && r.status === 'suggested')) {
        const [suggestion] = toSuggestionDtos(await repo.suggestions(ownerId, SUGGESTION_ROWS, assetId));
        if (suggestion) realtime.emitToAccount(ownerId, 'routing.suggested', { suggestion });
      }
    },

    /** My routing mode (default `suggest`). */
    async settings(principal: Principal): Promise<{ mode: RoutingMode }> {
      return { mode: await repo.mode(principal.accountId) };
    },

    /** Sets my routing mode; applies to photos analysed from now on. */
    async setSettings(principal: Principal, input: { mode: RoutingMode }): Promise<{ mode: RoutingMode }> {
      await repo.setMode(principal.accountId, input.mode);
      return { mode: input.mode };
    },

    /** My open suggestions, one card per photo, newest first: `{ assetId, contacts[], prompt: "Send to Bob and Carol?" }`. */
    async suggestions(principal: Principal) {
      return toSuggestionDtos(await repo.suggestions(principal.accountId, SUGGESTION_ROWS));
    },

    /**
     * One click on a card: queues the photo's suggested deliveries (all, or `contactIds` among them;
     * the rest stay suggested). @returns the deliveries now queued.
     * @throws 404 `not_found` (no open suggestion of mine for that photo), 400 `invalid_contacts` (ids not suggested).
     */
    async send(principal: Principal, assetId: string, contactIds?: string[]) {
      const rows = await suggestedOf(principal, assetId);
      const chosen = contactIds ? rows.filter((r) => contactIds.includes(r.contact_id)) : rows;
      if (contactIds && chosen.length !== new Set(contactIds).size)
        throw errors.badRequest('invalid_contacts', 'Some of those contacts are not suggested for this photo; reload the suggestions.', {
          suggested: rows.map((r) => r.contact_id),
        });
      await queue(chosen.map((r) => r.id));
      return Promise.all(chosen.map(async (r) => toDeliveryDto((await repo.findView(r.id))!)));
    },

    /** "Not this one": the photo's open suggestions become `dismissed` (never suggested again). @throws 404 `not_found`. */
    async dismiss(principal: Principal, assetId: string): Promise<{ dismissed: number }> {
      const rows = await suggestedOf(principal, assetId);
      await repo.setStatus(
        rows.map((r) => r.id),
        'dismissed',
      );
      for (const r of rows) await pushUpdated(r.id);
      return { dismissed: rows.length };
    },

    /**
     * The image the evidence of one of my deliveries matched (contact photo, the recipient's
     * registered reference face while the contact is linked to them, or my earlier face crop), for the card.
     * @throws 404 `not_found` for anyone but the delivery's owner, or when the image is gone.
     */
    async evidenceImage(principal: Principal, deliveryId: string): Promise<{ stream: Readable; mime: string; size: number }> {
      const img = await deps.evidence.findEvidenceImage(principal.accountId, deliveryId);
      if (!img || !(await deps.blobs.has(img.sha256))) throw errors.notFound('evidence image');
      return { stream: deps.blobs.stream(img.sha256), mime: img.mime, size: await deps.blobs.size(img.sha256) };
    },

    /** The deliveries of one of my photos, any status (the viewer's info panel). @throws 404 `not_found`. */
    async ofAsset(principal: Principal, assetId: string) {
      await deps.access.requireAsset(principal, assetId, 'write');
      return (await repo.ofAsset(assetId)).map(toDeliveryDto);
    },

    /** Queues deliveries left queued or sending by a previous process (the in-process queue keeps no jobs). */
    async requeuePending(): Promise<number> {
      const rows = await repo.pending(10_000);
      for (const r of rows) {
        await repo.setStatus([r.id], 'queued');
        await jobs.enqueue('routing.deliver', { deliveryId: r.id });
      }
      return rows.length;
    },
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
